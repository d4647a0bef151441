package dev.pingpong.client;


/**
 * Round-trip times in nanoseconds, in bounded memory for any number of samples.
 *
 * <p>Log-linear buckets, as in HdrHistogram: values below {@code 2 * SUB_BUCKETS} ns are kept exactly; above
 * that, each power of two is split into {@link #SUB_BUCKETS} equal buckets. A percentile is reported as the
 * middle of its bucket, so it is within {@link #RELATIVE_ERROR} of the true sample value (and clamped to the
 * exact min and max). Memory is a fixed array of about 7,300 counters. Not thread-safe.
 */
final class RttHistogram {

    private static final int SUB_BUCKET_BITS = 7;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Half a bucket width over the bucket's lowest value, at worst. */
    static final double RELATIVE_ERROR = 1.0 / (2 * SUB_BUCKETS);
    private static final int BUCKETS = index(Long.MAX_VALUE) + 1;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        count++;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
    }

    void add(RttHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum += other.sum;
    }

    long count() {
        return count;
    }

    /** Exact smallest sample, 0 when empty. */
    long min() {
        return count == 0 ? 0 : min;
    }

    /** Exact largest sample, 0 when empty. */
    long max() {
        return max;
    }

    /** Exact mean, 0 when empty. */
    double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /**
     * The value below or at which {@code percentile} percent of the samples lie (nearest-rank definition),
     * within {@link #RELATIVE_ERROR}; 0 when empty.
     */
    long percentile(double percentile) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, middle(i)));
            }
        }
        return max;
    }

    static int index(long value) {
        if (value < 2 * SUB_BUCKETS) {
            return (int) value;
        }
        int shift = (63 - Long.numberOfLeadingZeros(value)) - SUB_BUCKET_BITS;
        long top = value >>> shift;
        return (int) (SUB_BUCKETS * (shift + 1) + (top - SUB_BUCKETS));
    }

    static long middle(int index) {
        if (index < 2 * SUB_BUCKETS) {
            return index;
        }
        int shift = index / SUB_BUCKETS - 1;
        long top = SUB_BUCKETS + index % SUB_BUCKETS;
        long lowest = top << shift;
        return lowest + ((1L << shift) >>> 1);
    }
}
