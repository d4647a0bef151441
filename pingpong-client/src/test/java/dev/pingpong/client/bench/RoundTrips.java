package dev.pingpong.client.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Round-trip samples of a bench helper process, reported on stdout as one line
 * {@code rtt count=N p50_ms=X p99_ms=Y} that the bench parses.
 */
final class RoundTrips {

    private static final String PREFIX = "rtt ";

    private final long[] nanos;
    private int count;

    RoundTrips(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long rttNanos) {
        nanos[count++] = rttNanos;
    }

    boolean full() {
        return count == nanos.length;
    }

    String line() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%scount=%d p50_ms=%.4f p99_ms=%.4f", PREFIX, count,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
    }

    static boolean isLine(String line) {
        return line.startsWith(PREFIX);
    }

    /** The value of {@code key} ({@code p50_ms}, {@code p99_ms}) in a line this class printed. */
    static double value(String line, String key) {
        for (String part : line.substring(PREFIX.length()).split(" ")) {
            if (part.startsWith(key + "=")) {
                return Double.parseDouble(part.substring(key.length() + 1));
            }
        }
        throw new IllegalArgumentException("no " + key + " in " + line);
    }

    /** The nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(sorted.length * percent / 100.0);
        return sorted[Math.max(0, rank - 1)];
    }
}
