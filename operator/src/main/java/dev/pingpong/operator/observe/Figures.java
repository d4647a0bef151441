package dev.pingpong.operator.observe;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How observed figures are written in the status: rounded, so that noise in the last digits neither shows in
 * {@code kubectl get} nor causes a status write.
 */
final class Figures {

    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_UP);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    private Figures() {
    }

    /**
     * A round-trip time with 2 significant digits, as a Go duration: {@code 0.41ms}, {@code 12ms}, {@code 150ms},
     * {@code 1.5s}; null stays null.
     */
    static String rtt(Duration rtt) {
        if (rtt == null) {
            return null;
        }
        BigDecimal millis = BigDecimal.valueOf(rtt.toNanos()).divide(MILLION).round(TWO_DIGITS);
        if (millis.compareTo(THOUSAND) >= 0) {
            return plain(millis.divide(THOUSAND).round(TWO_DIGITS)) + "s";
        }
        return plain(millis) + "ms";
    }

    /** {@code lost} of {@code sent} in percent with one decimal ({@code 0%} only when none was lost); null if none sent. */
    static String loss(long lost, long sent) {
        if (sent <= 0) {
            return null;
        }
        if (lost <= 0) {
            return "0%";
        }
        BigDecimal percent = BigDecimal.valueOf(Math.min(lost, sent) * 100L)
                .divide(BigDecimal.valueOf(sent), 1, RoundingMode.HALF_UP);
        return percent.toPlainString() + "%";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
