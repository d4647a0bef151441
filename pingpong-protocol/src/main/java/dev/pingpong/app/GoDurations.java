package dev.pingpong.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Go's {@code time.ParseDuration} reads them: {@code 250ms}, {@code 1s},
 * {@code 1m30s}, {@code 1.5h}, {@code 240h}, and a bare {@code 0}. Units: ns, us (or µs), ms, s, m, h.
 * Negative durations are refused: nothing in PingPong waits a negative time.
 */
public final class GoDurations {

    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us", "ns"};

    private GoDurations() {
    }

    /**
     * Parses a Go-style duration.
     *
     * @throws IllegalArgumentException with a message naming the bad text
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration (write e.g. 250ms, 1s, 1m30s)");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher term = TERM.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        while (position < text.length()) {
            if (!term.find(position) || term.start() != position) {
                throw new IllegalArgumentException("invalid duration '" + text + "' (write e.g. 250ms, 1s, 1m30s)");
            }
            nanos = nanos.add(new BigDecimal(term.group(1)).multiply(BigDecimal.valueOf(unitNanos(term.group(2)))));
            position = term.end();
        }
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long");
        }
    }

    /** Formats without zero parts: {@code 0s}, {@code 250ms}, {@code 1m30s}, {@code 240h}, {@code 1s500ms}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        long rest = duration.toNanos();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < UNIT_NANOS.length; i++) {
            long count = rest / UNIT_NANOS[i];
            if (count > 0) {
                text.append(count).append(UNIT_NAMES[i]);
                rest -= count * UNIT_NANOS[i];
            }
        }
        return text.toString();
    }

    private static long unitNanos(String unit) {
        if (unit.equals("µs")) {
            return 1_000L;
        }
        for (int i = 0; i < UNIT_NAMES.length; i++) {
            if (UNIT_NAMES[i].equals(unit)) {
                return UNIT_NANOS[i];
            }
        }
        throw new IllegalStateException("unit " + unit + " matched but unknown");
    }
}
