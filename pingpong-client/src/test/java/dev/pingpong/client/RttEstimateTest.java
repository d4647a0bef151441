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
    void neverBelowOneMillisecond() {
        RttEstimate rtt = new RttEstimate();
        rtt.sample(100_000);
        assertEquals(MS, rtt.lossDelayNanos());
    }
}
