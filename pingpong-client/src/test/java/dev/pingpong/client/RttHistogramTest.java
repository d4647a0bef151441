package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RttHistogramTest {

    @Test
    void smallValuesAreExact() {
        RttHistogram histogram = new RttHistogram();
        for (long v = 1; v <= 100; v++) {
            histogram.record(v);
        }
        assertEquals(50, histogram.percentile(50));
        assertEquals(99, histogram.percentile(99));
        assertEquals(100, histogram.percentile(100));
        assertEquals(1, histogram.min());
        assertEquals(100, histogram.max());
        assertEquals(50.5, histogram.mean(), 1e-9);
    }

    @Test
    void percentilesOfRandomSamplesAreWithinTheStatedRelativeError() {
        Random random = new Random(42);
        long[] samples = new long[100_000];
        RttHistogram histogram = new RttHistogram();
        for (int i = 0; i < samples.length; i++) {
            // Log-normal-ish RTTs from ~50 us to ~50 ms, like real network samples.
            samples[i] = (long) (Math.exp(10.5 + 1.5 * random.nextGaussian()));
            histogram.record(samples[i]);
        }
        Arrays.sort(samples);
        for (double p : new double[] {1, 10, 50, 90, 99, 99.9}) {
            long exact = samples[(int) Math.ceil(p / 100 * samples.length) - 1];
            long reported = histogram.percentile(p);
            double error = Math.abs(reported - exact) / (double) exact;
            assertTrue(error <= RttHistogram.RELATIVE_ERROR, "p" + p + ": exact " + exact + " reported " + reported);
        }
        assertEquals(samples[0], histogram.min());
        assertEquals(samples[samples.length - 1], histogram.max());
    }

    @Test
    void everyBucketIndexRoundTripsThroughItsMiddle() {
        for (long v : new long[] {0, 1, 255, 256, 257, 1_000, 123_456, 987_654_321L, 1L << 40, Long.MAX_VALUE}) {
            int index = RttHistogram.index(v);
            long middle = RttHistogram.middle(index);
            assertEquals(index, RttHistogram.index(middle), "value " + v);
            assertTrue(Math.abs(middle - v) <= Math.max(0, v * RttHistogram.RELATIVE_ERROR), "value " + v + " middle " + middle);
        }
    }

    @Test
    void memoryStaysFixedForAnyCount() {
        RttHistogram histogram = new RttHistogram();
        for (int i = 0; i < 2_000_000; i++) {
            histogram.record(500_000 + (i % 1000));
        }
        assertEquals(2_000_000, histogram.count());
        long p50 = histogram.percentile(50);
        assertTrue(Math.abs(p50 - 500_500) <= 500_500 * RttHistogram.RELATIVE_ERROR, "p50 " + p50);
    }

    @Test
    void emptyHistogramReportsZero() {
        RttHistogram histogram = new RttHistogram();
        assertEquals(0, histogram.percentile(50));
        assertEquals(0, histogram.min());
        assertEquals(0, histogram.mean());
    }

    @Test
    void addMergesCountsAndExtremes() {
        RttHistogram a = new RttHistogram();
        RttHistogram b = new RttHistogram();
        a.record(10);
        b.record(1_000_000);
        a.add(b);
        assertEquals(2, a.count());
        assertEquals(10, a.min());
        assertEquals(1_000_000, a.max());
    }
}
