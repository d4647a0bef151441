package dev.pingpong.operator.time;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as written in flags and in the custom resource: "250ms", "1s", "1m30s", "240h".
 *
 * <p>Accepted: one or more {@code NUMBER UNIT} pairs, NUMBER a non-negative decimal, UNIT one of
 * {@code ns us µs ms s m h}; also the bare {@code 0}. Signs are refused: nothing here wants a negative duration.
 * {@link #format} writes the compact canonical form: largest units first, zero parts left out
 * ({@code 240h}, {@code 1m30s}, {@code 1s500ms}, {@code 0s}), which {@link #parse} reads back exactly.
 */
public final class GoDuration {

    /** Regex for the CRD schema; the same grammar {@link #parse} accepts. */
    public static final String PATTERN = "^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$";

    private static final Pattern WHOLE = Pattern.compile(PATTERN);
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /** Parses a Go-style duration; {@link IllegalArgumentException} names the text and the expected form. */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid duration " + quote(text)
                    + ": expected a number and a unit (ns, us, ms, s, m, h), e.g. 250ms, 1m30s, 240h");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
        }
        BigInteger whole = nanos.toBigInteger();
        if (whole.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("invalid duration " + quote(text) + ": longer than 2562047h");
        }
        return Duration.ofNanos(whole.longValueExact());
    }

    /** Parses and requires at least {@code minimum}; the message names {@code field}. */
    public static Duration parseAtLeast(String field, String text, Duration minimum) {
        Duration value;
        try {
            value = parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(field + ": " + quote(text) + " is shorter than the minimum " + format(minimum));
        }
        return value;
    }

    /** The compact canonical form, e.g. "240h", "1m30s", "250ms", "0s". */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        append(out, d.toHours(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        int nanos = d.toNanosPart();
        append(out, nanos / 1_000_000, "ms");
        append(out, nanos / 1_000 % 1_000, "us");
        append(out, nanos % 1_000, "ns");
        return out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }

    private static long nanosPer(String unit) {
        switch (unit) {
            case "ns": return 1L;
            case "us":
            case "µs": return 1_000L;
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            default: throw new IllegalStateException("unit outside PATTERN: " + unit);
        }
    }

    private static String quote(String text) {
        return text == null ? "(none)" : '"' + text + '"';
    }
}
