package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PingStatsTest {

    private long now = 1_000;
    private final PingStats stats = new PingStats(() -> now);

    @Test
    void elapsedRunsFromTheFirstSendToTheLastSettledPing() {
        assertEquals(0, stats.summary().elapsedNanos());
        stats.sent();
        now += 500_000_000;
        stats.sent();
        stats.received(400_000_000, now);
        now += 250_000_000;
        stats.lost();
        now += 9_000_000_000L;
        Summary summary = stats.summary();
        assertEquals(750_000_000, summary.elapsedNanos());
        assertEquals(2 / 0.75, summary.settledPerSecond(), 1e-9);
    }

    @Test
    void nothingSettledMeansNoRate() {
        stats.sent();
        now += 1_000_000;
        assertEquals(0, stats.summary().elapsedNanos());
        assertEquals(0, stats.summary().settledPerSecond());
    }
}
