package dev.pingpong.app;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Durations in the grammar of Go's {@code time.ParseDuration}, the one Kubernetes users write everywhere:
 * an optional sign, then a bare {@code 0} or one or more {@code NUMBER UNIT} parts such as {@code 250ms},
 * {@code 1m30s}, {@code 1.5h}, {@code .5s}, {@code 1.s} or {@code -2m3.4s}. Units: ns, us (or µs, μs), ms,
 * s, m, h. The value must fit Go's int64 nanoseconds (about ±292 years). A negative value parses; whoever
 * takes a duration says whether it may be negative.
 */
public final class GoDurations {

    /**
     * The grammar as a regular expression, for schemas such as the CRD's {@code pattern}: it matches exactly
     * the texts {@link #parse} reads, except that a pattern cannot tell a value out of int64 range.
     */
    public static final String PATTERN =
            "^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$";

    private static final String KNOWN_UNITS = "ns, us, ms, s, m, h";
    /** 2^63 ns: the most a negative duration may hold; a positive one stays below it (Go's int64). */
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);

    private static final Map<String, Long> UNIT_NANOS_BY_NAME = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L,
            "\u03bcs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    /** For {@link #format}: largest first. */
    private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    private static final String[] UNIT_NAMES = {"h", "m", "s", "ms", "us", "ns"};

    private GoDurations() {
    }

    /**
     * Parses a Go duration to the nanosecond Go would give: the whole part of each {@code NUMBER UNIT} exactly,
     * its fraction in float64 arithmetic as Go computes it (so {@code 0.3333333333333333333h} is 20m here too).
     *
     * @throws IllegalArgumentException with a message that quotes the text and says what is wrong
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no duration given (write e.g. 250ms, 1s, 1m30s)");
        }
        int at = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            at = 1;
        }
        if (text.length() == at + 1 && text.charAt(at) == '0') {
            return Duration.ZERO;
        }
        if (at == text.length()) {
            throw invalid(text, "write a number and a unit, e.g. 250ms, 1s, 1m30s");
        }
        BigInteger nanos = BigInteger.ZERO;
        while (at < text.length()) {
            int wholeStart = at;
            int wholeEnd = digitsFrom(text, at);
            int fractionStart = wholeEnd;
            int fractionEnd = wholeEnd;
            if (wholeEnd < text.length() && text.charAt(wholeEnd) == '.') {
                fractionStart = wholeEnd + 1;
                fractionEnd = digitsFrom(text, fractionStart);
            }
            if (wholeEnd == wholeStart && fractionEnd == fractionStart) {
                throw invalid(text, "expected a number at offset " + wholeStart);
            }
            at = Math.max(wholeEnd, fractionEnd);
            int unitStart = at;
            while (at < text.length() && !isDigit(text.charAt(at)) && text.charAt(at) != '.') {
                at++;
            }
            if (unitStart == at) {
                throw invalid(text, "missing unit (" + KNOWN_UNITS + ")");
            }
            long unit = unitNanos(text, text.substring(unitStart, at));
            BigInteger whole = wholeEnd == wholeStart ? BigInteger.ZERO : new BigInteger(text.substring(wholeStart, wholeEnd));
            nanos = nanos.add(whole.multiply(BigInteger.valueOf(unit)))
                    .add(BigInteger.valueOf(fractionNanos(text.substring(fractionStart, fractionEnd), unit)));
            if (nanos.compareTo(LIMIT) > 0) {
                throw outOfRange(text);
            }
        }
        if (!negative && nanos.equals(LIMIT)) {
            throw outOfRange(text);
        }
        return Duration.ofNanos((negative ? nanos.negate() : nanos).longValueExact());
    }

    /**
     * The nanoseconds of a fraction's digits, the way Go computes them: the digits as an integer while it stays
     * within 2^63 (later digits are dropped), scaled in float64, cut toward zero.
     */
    private static long fractionNanos(String digits, long unit) {
        long value = 0;
        double scale = 1;
        for (int i = 0; i < digits.length(); i++) {
            if (Long.compareUnsigned(value, Long.MAX_VALUE / 10) > 0) {
                break;
            }
            long next = value * 10 + (digits.charAt(i) - '0');
            if (Long.compareUnsigned(next, Long.MIN_VALUE) > 0) {
                break;
            }
            value = next;
            scale *= 10;
        }
        // value lies in [0, 2^63]; as a signed long only 2^63 itself reads negative
        double asFloat64 = value >= 0 ? value : 0x1p63;
        return value == 0 ? 0 : (long) (asFloat64 * ((double) unit / scale));
    }

    /**
     * Writes the largest units first and leaves out zero parts: {@code 0s}, {@code 250ms}, {@code 1m30s},
     * {@code 240h}, {@code 1s500ms}, {@code -1m}. {@link #parse} reads every result back to the same value.
     *
     * @throws IllegalArgumentException when the value is outside Go's range
     */
    public static String format(Duration duration) {
        long rest;
        try {
            rest = duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration " + duration + " is outside Go's range (about 292 years)");
        }
        if (rest == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder(rest < 0 ? "-" : "");
        for (int i = 0; i < UNIT_NANOS.length; i++) {
            long count = rest / UNIT_NANOS[i];
            if (count != 0) {
                text.append(Math.abs(count)).append(UNIT_NAMES[i]);
                rest -= count * UNIT_NANOS[i];
            }
        }
        return text.toString();
    }

    private static int digitsFrom(String text, int start) {
        int end = start;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long unitNanos(String text, String unit) {
        Long nanos = UNIT_NANOS_BY_NAME.get(unit);
        if (nanos == null) {
            throw invalid(text, "unknown unit \"" + unit + "\" (" + KNOWN_UNITS + ")");
        }
        return nanos;
    }

    private static IllegalArgumentException outOfRange(String text) {
        return invalid(text, "out of range (Go's limit is about 2562047h either way)");
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid duration \"" + text + "\": " + why);
    }
}
