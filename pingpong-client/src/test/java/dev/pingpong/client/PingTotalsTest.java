package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PingTotalsTest {

    private long now = 1_000;
    private final PingTotals totals = new PingTotals(2, () -> now);

    @Test
    void theEventLoopsAddUpFromTheFirstSendAnywhereToTheLastSettlementAnywhere() {
        PingStats first = totals.loop(0);
        PingStats second = totals.loop(1);
        first.sent();
        now = 1_500;
        second.sent();
        second.sent();
        now = 2_000;
        first.received(1_000, now);
        second.received(300, now);
        now = 5_000;
        second.lost();
        second.reconnected();

        Summary summary = totals.summary();
        assertEquals(3, summary.sent());
        assertEquals(2, summary.received());
        assertEquals(1, summary.lost());
        assertEquals(1, summary.reconnects());
        assertEquals(4_000, summary.elapsedNanos());
        assertEquals(300, summary.rtt().minNanos());
        assertEquals(1_000, summary.rtt().maxNanos());
        assertEquals(3, first.summary().sent() + second.summary().sent(), "adding up leaves the loops as they were");
    }

    @Test
    void readyWhenAnyLoopHeardAPongLately() {
        assertFalse(totals.pongWithin(100, now));
        totals.loop(1).received(10, now);
        assertTrue(totals.pongWithin(100, now + 50));
        assertFalse(totals.pongWithin(100, now + 500));
    }

    @Test
    void nothingSentMeansNoRtt() {
        assertEquals(null, totals.summary().rtt());
        assertEquals(0, totals.summary().elapsedNanos());
    }
}
