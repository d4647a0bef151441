package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RttEstimateTest {

    private static final long MS = 1_000_000;

    @Test
    void beforeAnySampleTheLossDelayIsNineEighthsOfQuicsInitialRtt() {
        assertEquals(374_625_000, new RttEstimate().lossDelayNanos());
    }

    @Test
    void theLossDelayFollowsTheLargerOfTheSmoothedAndTheLatestRtt() {
        RttEstimate rtt = new RttEstimate();
        rtt.sample(8 * MS);
        assertEquals(9 * MS, rtt.lossDelayNanos());
        rtt.sample(80 * MS);
        assertEquals(90 * MS, rtt.lossDelayNanos(), "a sudden rise counts at once");
        rtt.sample(8 * MS);
        assertEquals(17_859_375, rtt.lossDelayNanos(), "a fall only in 1/8 steps of the smoothed RTT: 9/8 of 15.875 ms");
    }

    @Test
    void theProbeTimeoutIsTheSmoothedRttAndFourVariations() {
        RttEstimate rtt = new RttEstimate();
        assertEquals(999 * MS, rtt.probeTimeoutNanos(), "before any sample: 333 ms and four times half of it");
        rtt.sample(8 * MS);
        assertEquals(24 * MS, rtt.probeTimeoutNanos(), "the first sample: 8 ms, variation 4 ms");
        rtt.sample(16 * MS);
        assertEquals(9 * MS + 4 * 5 * MS, rtt.probeTimeoutNanos(), "smoothed 9 ms, variation 3/4 of 4 + 1/4 of 8");
        for (int i = 0; i < 200; i++) {
            rtt.sample(100_000);
        }
        assertEquals(1_100_000, rtt.probeTimeoutNanos(), 100, "a steady RTT: the variation fades, 1 ms stays");
    }

    @Test
    void neverBelowOneMillisecond() {
        RttEstimate rtt = new RttEstimate();
        rtt.sample(100_000);
        assertEquals(MS, rtt.lossDelayNanos());
    }
}
