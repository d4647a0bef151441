package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pacer alone, on a hand-driven clock: what it sends when, and how each ping is settled. */
class PingPacerTest {

    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingReport report = new RecordingReport();
    private final PingStats stats = new PingStats();
    private final RecordingTransport transport = new RecordingTransport();
    private int settledCalls;
    private int silentCalls;

    private PingPacer pacer(long count, Duration interval, int window, Duration timeout) {
        return pacer(PingMode.STREAM, count, interval, window, timeout);
    }

    private PingPacer pacer(PingMode mode, long count, Duration interval, int window, Duration timeout) {
        LoopSettings settings = new LoopSettings(count, interval, window, mode, new PingPayload(0), timeout,
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(10));
        PingPacer pacer = new PingPacer(0, settings, clock, stats, report);
        pacer.listener(new PingPacer.Listener() {
            @Override
            public void settled() {
                settledCalls++;
            }

            @Override
            public void silent() {
                silentCalls++;
            }
        });
        return pacer;
    }

    private void pongAfter(PingPacer pacer, long millis, long seq) {
        clock.advanceMillis(millis);
        pacer.pong(seq, clock.nanoTime());
    }

    @Test
    void oneTickPerIntervalAndATickHeldWhileTheWindowIsFullGoesOutWithTheNextPong() {
        PingPacer pacer = pacer(0, Duration.ofMillis(100), 1, Duration.ofSeconds(5));
        pacer.attach(transport);
        assertEquals(List.of(1L), transport.written, "the first ping goes out at once");
        clock.advanceMillis(100);
        assertEquals(List.of(1L), transport.written, "the window of one is full at the second tick");
        pongAfter(pacer, 50, 1);
        assertEquals(List.of(1L, 2L), transport.written, "the held tick is sent when the pong frees the window");
        pongAfter(pacer, 1, 2);
        clock.advanceMillis(49);
        assertEquals(List.of(1L, 2L, 3L), transport.written, "then the ticks go on at their own pace");
        assertEquals(List.of("pong 1", "pong 2"), report.take());
    }

    @Test
    void floodKeepsTheWindowFullWithOneFlushPerBurst() {
        PingPacer pacer = pacer(0, Duration.ZERO, 3, Duration.ofSeconds(5));
        pacer.attach(transport);
        assertEquals(List.of(1L, 2L, 3L), transport.written);
        assertEquals(1, transport.flushes);
        pacer.pong(2, clock.nanoTime());
        assertEquals(List.of(1L, 2L, 3L, 4L), transport.written, "pongs may come out of order; each frees a place");
        assertEquals(3, pacer.inFlight());
    }

    @Test
    void aPingWithoutAPongTimesOutAndAWholeTimeoutOfSilenceIsReported() {
        PingPacer pacer = pacer(0, Duration.ofSeconds(1), 1, Duration.ofSeconds(5));
        pacer.attach(transport);
        clock.advanceMillis(4_999);
        assertEquals(List.of(), report.take());
        clock.advanceMillis(1);
        assertEquals(List.of("lost 1 timeout"), report.take());
        assertEquals(1, silentCalls, "nothing answered for the whole timeout");
        assertEquals(List.of(1L, 2L), transport.written, "the pacer goes on when the lifecycle keeps the transport");
    }

    @Test
    void aTimeoutWithOtherPongsInTheMeantimeIsNoSilence() {
        PingPacer pacer = pacer(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(5));
        pacer.attach(transport);
        clock.advanceMillis(1_000);
        pongAfter(pacer, 1, 2);
        clock.advanceMillis(3_999);
        assertEquals(List.of("pong 2", "lost 1 timeout"), report.take());
        assertEquals(0, silentCalls);
    }

    @Test
    void eachSeqSettlesOnceAndLateOrUnknownPongsAreIgnored() {
        PingPacer pacer = pacer(2, Duration.ZERO, 2, Duration.ofSeconds(1));
        pacer.attach(transport);
        assertTrue(pacer.allSent());
        pacer.pong(1, clock.nanoTime());
        pacer.pong(1, clock.nanoTime());
        pacer.pong(99, clock.nanoTime());
        clock.advanceMillis(1_000);
        pacer.pong(2, clock.nanoTime());
        assertEquals(List.of("pong 1", "lost 2 timeout"), report.take());
        assertTrue(pacer.idle());
        assertEquals(1, pacer.lost());
        Summary summary = stats.summary();
        assertEquals(2, summary.sent());
        assertEquals(summary.sent(), summary.received() + summary.lost());
    }

    @Test
    void settleAllLosesWhatIsInFlightAndLeavesNoTimerBehind() {
        PingPacer pacer = pacer(0, Duration.ofMillis(100), 3, Duration.ofSeconds(5));
        pacer.attach(transport);
        clock.advanceMillis(200);
        pacer.settleAll(PingPacer.LOST_DISCONNECTED);
        pacer.detach();
        assertTrue(transport.closed);
        assertEquals(0, clock.pendingTimers());
        assertEquals(List.of("lost 1 disconnected", "lost 2 disconnected", "lost 3 disconnected"), report.take());
        RecordingTransport next = new RecordingTransport();
        pacer.attach(next);
        assertEquals(List.of(4L), next.written, "the sequence goes on on the next transport");
    }

    @Test
    void aDatagramPingOutLongerThanItsLossDelayGivesUpItsPlaceInTheWindowButNotItsPong() {
        PingPacer pacer = pacer(PingMode.DATAGRAM, 0, Duration.ofMillis(100), 1, Duration.ofSeconds(5));
        pacer.attach(transport);
        pongAfter(pacer, 8, 1);
        clock.advanceMillis(92);
        assertEquals(List.of(1L, 2L), transport.written, "RTT 8 ms: the loss delay is 9 ms");
        clock.advanceMillis(100);
        assertEquals(List.of(1L, 2L, 3L), transport.written, "ping 2, 100 ms without a pong, is presumed lost");
        pacer.pong(2, clock.nanoTime());
        assertEquals(List.of("pong 1", "pong 2"), report.take(), "a presumed-lost ping still counts when its pong comes");
        clock.advanceMillis(5_000);
        assertTrue(report.take().stream().allMatch(r -> r.startsWith("lost ") && r.endsWith(" timeout")),
                "unanswered pings are settled at --timeout, as ever");
    }

    @Test
    void aDatagramRttAboveTheIntervalDoesNotSlowThePace() {
        PingPacer pacer = pacer(PingMode.DATAGRAM, 0, Duration.ofMillis(100), 1, Duration.ofSeconds(5));
        pacer.attach(transport);
        pongAfter(pacer, 300, 1);
        clock.advanceMillis(1_000);
        assertEquals(14, transport.written.size(), "RTT 300 ms: still one ping per 100 ms tick, " + transport.written);
    }

    @Test
    void inFloodModeAPingOvertakenByAnAnsweredOneIsPresumedLostAfterTheLossDelay() {
        PingPacer pacer = pacer(PingMode.DATAGRAM, 0, Duration.ZERO, 3, Duration.ofSeconds(5));
        pacer.attach(transport);
        pacer.pong(2, clock.nanoTime() + 4_000_000);
        assertEquals(List.of(1L, 2L, 3L, 4L), transport.written);
        clock.advanceMillis(4);
        assertEquals(List.of(1L, 2L, 3L, 4L), transport.written, "RTT 4 ms: 4.5 ms before ping 1 is presumed lost");
        clock.advanceMillis(1);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), transport.written,
                "ping 1, overtaken by ping 2, makes room; pings 3 and 4, overtaken by none, hold theirs");
    }

    @Test
    void inFloodModeAStalledPeerIsSentOnePingPerProbeTimeoutAndTheTimeoutDoubles() {
        PingPacer pacer = pacer(PingMode.DATAGRAM, 0, Duration.ZERO, 2, Duration.ofSeconds(5));
        pacer.attach(transport);
        pongAfter(pacer, 4, 1);
        assertEquals(List.of(1L, 2L, 3L), transport.written, "RTT 4 ms: the probe timeout is 4 + 4 x 2 = 12 ms");
        clock.advanceMillis(7);
        assertEquals(3, transport.written.size(), "the peer stalls: without a later pong, no loss delay applies");
        clock.advanceMillis(1);
        assertEquals(List.of(1L, 2L, 3L, 4L), transport.written, "12 ms after it was sent, ping 2 makes room");
        clock.advanceMillis(15);
        assertEquals(4, transport.written.size(), "the next probe timeout is twice as long: 24 ms after ping 3");
        clock.advanceMillis(1);
        assertEquals(5, transport.written.size());
        clock.advanceMillis(100);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), transport.written,
                "then 48 and 96 ms: a 124 ms stall cost five pings, not a window per RTT");
        pacer.pong(7, clock.nanoTime());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), transport.written,
                "a pong again: ping 6, overtaken by 7 and out longer than the loss delay, makes room as well");
    }

    @Test
    void inStreamModeAPingHoldsItsPlaceUntilItsPongOrTimeout() {
        PingPacer pacer = pacer(PingMode.STREAM, 0, Duration.ofMillis(100), 1, Duration.ofSeconds(5));
        pacer.attach(transport);
        pongAfter(pacer, 8, 1);
        clock.advanceMillis(2_000);
        assertEquals(List.of(1L, 2L), transport.written, "QUIC retransmits a stream: its pong is late, not lost");
    }

    @Test
    void pausedItSendsNothingButStillSettlesWhatIsInFlight() {
        PingPacer pacer = pacer(0, Duration.ofMillis(100), 2, Duration.ofSeconds(5));
        pacer.attach(transport);
        clock.advanceMillis(100);
        pacer.pause();
        clock.advanceMillis(1_000);
        assertEquals(List.of(1L, 2L), transport.written);
        pacer.pong(1, clock.nanoTime());
        pacer.pong(2, clock.nanoTime());
        assertTrue(pacer.idle());
        assertEquals(2, settledCalls);
        assertEquals(List.of(1L, 2L), transport.written, "a pong does not restart a paused pacer");
    }
}
