package dev.pingpong.app;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram: how many observations fell at or below each upper bound, their sum and count. Cheap to
 * observe from many threads; a scrape reads the buckets one after another, so a concurrent observation may show in
 * a later bucket before an earlier one (Prometheus tolerates that within one scrape).
 */
public final class Histogram {

    /** Prometheus' default bounds, in seconds: from 5 ms to 10 s. */
    public static final double[] DEFAULT_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final double[] bounds;
    /** Per bucket (the last for above every bound), not cumulative: cumulated when written. */
    private final LongAdder[] counts;
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double... bounds) {
        if (bounds.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bucket bound");
        }
        for (int i = 0; i < bounds.length; i++) {
            if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be finite and increasing: "
                        + Arrays.toString(bounds));
            }
        }
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length + 1];
        Arrays.setAll(counts, i -> new LongAdder());
    }

    public void observe(double value) {
        int bucket = Arrays.binarySearch(bounds, value);
        counts[bucket >= 0 ? bucket : -bucket - 1].increment();
        sum.add(value);
    }

    public long count() {
        long count = 0;
        for (LongAdder bucket : counts) {
            count += bucket.sum();
        }
        return count;
    }

    public double sum() {
        return sum.sum();
    }

    void writeSamples(String name, MetricsWriter out) {
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += counts[i].sum();
            String le = i < bounds.length ? MetricsWriter.format(bounds[i]) : "+Inf";
            out.sample(name + "_bucket", List.of("le"), List.of(le), cumulative);
        }
        out.sample(name + "_sum", sum.sum());
        out.sample(name + "_count", cumulative);
    }
}
