package dev.pingpong.client;

import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.WebTransportSession;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session lifecycle alone, on a hand-driven clock, with connect attempts and transports the test completes:
 * every transition, and that each ping in flight at one is settled once.
 */
class SessionLoopTest {

    private static final URI SERVER = URI.create("https://127.0.0.1:4433/pingpong");

    /** One connect attempt the test answers; {@code started} says it left the client's queue. */
    private record Attempt(SessionListener events, Promise<WebTransportSession> result, Runnable started) {
    }

    private final ManualScheduler clock = new ManualScheduler();
    private final RecordingReport report = new RecordingReport();
    private final PingStats stats = new PingStats();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<RecordingTransport> transports = new ArrayList<>();
    private final List<PingTransport.PongSink> sinks = new ArrayList<>();
    private final List<Promise<Void>> probes = new ArrayList<>();
    private Throwable openFailure;
    /** Attempts wait, as behind a client's other connects, until the test starts them. */
    private boolean queueAttempts;

    private SessionLoop loop(long count, Duration interval, int window) {
        return loop(PingMode.STREAM, count, interval, window);
    }

    private SessionLoop loop(PingMode mode, long count, Duration interval, int window) {
        LoopSettings settings = new LoopSettings(count, interval, window, mode, new PingPayload(0),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(400));
        SessionLoop.SessionConnector connector = (events, started) -> {
            Promise<WebTransportSession> result = ImmediateEventExecutor.INSTANCE.newPromise();
            attempts.add(new Attempt(events, result, started));
            if (!queueAttempts) {
                started.run();
            }
            return result;
        };
        PingTransports opener = new PingTransports() {
            @Override
            public Future<PingTransport> open(WebTransportSession session, PingTransport.PongSink sink) {
                if (openFailure != null) {
                    return ImmediateEventExecutor.INSTANCE.newFailedFuture(openFailure);
                }
                RecordingTransport transport = new RecordingTransport();
                transports.add(transport);
                sinks.add(sink);
                return ImmediateEventExecutor.INSTANCE.newSucceededFuture(transport);
            }

            @Override
            public Future<Void> probe(WebTransportSession session) {
                Promise<Void> probe = ImmediateEventExecutor.INSTANCE.newPromise();
                probes.add(probe);
                return probe;
            }
        };
        // The ceiling itself as the "random" delay, so the schedule is known.
        Backoff backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), bound -> bound);
        return new SessionLoop(0, settings, SERVER, connector, opener, clock, backoff, stats, report);
    }

    private FakeSession open(int attempt) {
        FakeSession session = new FakeSession(attempt * 4L);
        attempts.get(attempt).result().setSuccess(session);
        return session;
    }

    private static WebTransportException timeout() {
        return new WebTransportException(WebTransportException.Kind.TIMEOUT, "no answer");
    }

    @Test
    void transientConnectFailuresBackOffUntilTheConnectTimeoutThenNoServer() {
        SessionLoop loop = loop(1, Duration.ofSeconds(1), 1);
        CompletableFuture<Ending> ending = loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        for (int i = 0; i < 10 && !ending.isDone(); i++) {
            attempts.get(i).result().setFailure(timeout());
            clock.advanceMillis(400);
        }
        assertEquals(List.of("reconnect 1 100", "reconnect 2 200", "reconnect 3 200"), report.take(),
                "doubling ceilings, the last cut to what is left of --connect-timeout");
        Ending end = ending.getNow(null);
        assertEquals(Ending.Reason.NO_SERVER, end.reason());
        assertTrue(end.message().startsWith("no server reached at " + SERVER + " within 1000 ms (last error: no answer from"),
                end.message());
        assertEquals(3, end.exitStatus());
    }

    @Test
    void timeQueuedBehindTheClientsOtherConnectsDoesNotCountAgainstTheConnectTimeout() {
        queueAttempts = true;
        SessionLoop loop = loop(1, Duration.ofSeconds(1), 1);
        CompletableFuture<Ending> ending = loop.start(Duration.ZERO);
        clock.advanceMillis(3000);
        attempts.get(0).started().run();
        clock.advanceMillis(500);
        attempts.get(0).result().setFailure(timeout());
        assertEquals(List.of("reconnect 1 100"), report.take(), "0.5 s of the 1 s budget used: the loop tries again");
        assertFalse(ending.isDone());
        clock.advanceMillis(100);
        attempts.get(1).started().run();
        clock.advanceMillis(600);
        attempts.get(1).result().setFailure(timeout());
        assertEquals(Ending.Reason.NO_SERVER, ending.getNow(null).reason(), "past the budget once attempts really ran");
    }

    @Test
    void aServerThatRefusesForGoodEndsTheLoopAtOnce() {
        SessionLoop loop = loop(1, Duration.ofSeconds(1), 1);
        CompletableFuture<Ending> ending = loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        attempts.get(0).result().setFailure(new WebTransportException(WebTransportException.Kind.SESSION_REFUSED,
                "forbidden", 403, null));
        assertEquals(Ending.Reason.NO_SERVER, ending.getNow(null).reason());
        assertEquals(List.of(), report.take(), "no reconnect for a refusal a retry cannot fix");
    }

    @Test
    void aLostSessionSettlesItsPingsInFlightAndTheNextSessionGoesOnWithTheNextSeq() {
        SessionLoop loop = loop(0, Duration.ofMillis(100), 2);
        loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        FakeSession first = open(0);
        assertEquals(SessionLoop.State.PINGING, loop.state());
        clock.advanceMillis(100);
        attempts.get(0).events().onClosed(first, new SessionCloseInfo(0, "", false, new IOException("reset")));
        assertEquals(List.of("lost 1 disconnected", "lost 2 disconnected", "reconnect 1 100"), report.take());
        assertEquals(SessionLoop.State.BACKOFF, loop.state());
        clock.advanceMillis(100);
        open(1);
        clock.advanceMillis(0);
        assertEquals(List.of(3L), transports.get(1).written);
        assertEquals(1, stats.summary().reconnects());
        assertTrue(transports.get(0).closed);
    }

    @Test
    void eventsOfAnEarlierSessionAreIgnored() {
        SessionLoop loop = loop(0, Duration.ofMillis(100), 1);
        loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        FakeSession first = open(0);
        sinks.get(0).broken("stream reset");
        clock.advanceMillis(100);
        open(1);
        report.take();
        attempts.get(0).events().onClosed(first, new SessionCloseInfo(0, "", false, new IOException("late")));
        sinks.get(0).broken("late");
        sinks.get(0).pong(1, clock.nanoTime());
        assertEquals(SessionLoop.State.PINGING, loop.state());
        assertEquals(List.of(), report.take());
    }

    @Test
    void aDrainWaitsForThePingsInFlightThenReconnectsAtOnceWithoutLoss() {
        SessionLoop loop = loop(0, Duration.ofMillis(100), 2);
        loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        FakeSession first = open(0);
        clock.advanceMillis(100);
        attempts.get(0).events().onDraining(first);
        assertEquals(SessionLoop.State.DRAINING, loop.state());
        clock.advanceMillis(300);
        assertEquals(List.of(1L, 2L), transports.get(0).written, "no new ping while draining");
        sinks.get(0).pong(2, clock.nanoTime());
        assertEquals(1, attempts.size());
        sinks.get(0).pong(1, clock.nanoTime());
        assertEquals(List.of("pong 2", "pong 1", "reconnect 1 0"), report.take());
        assertEquals("drained", first.closedWith);
        assertEquals(2, attempts.size(), "the next attempt starts at once");
        assertEquals(SessionLoop.State.CONNECTING, loop.state());
    }

    @Test
    void aWholeTimeoutOfSilenceOnTheStreamCountsAsALostSession() {
        SessionLoop loop = loop(0, Duration.ofSeconds(1), 1);
        loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        FakeSession first = open(0);
        clock.advanceMillis(5_000);
        assertEquals(List.of("lost 1 timeout", "reconnect 1 100"), report.take());
        assertEquals("lost", first.closedWith);
    }

    @Test
    void datagramSilenceIsProbedOnAStreamAndAnAnswerKeepsTheSession() {
        SessionLoop loop = loop(PingMode.DATAGRAM, 0, Duration.ofSeconds(1), 1);
        loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        FakeSession session = open(0);
        clock.advanceMillis(5_000);
        assertEquals(1, probes.size(), "a whole timeout without a pong asks on a stream");
        assertEquals(SessionLoop.State.PINGING, loop.state());
        clock.advanceMillis(2_000);
        probes.get(0).setSuccess(null);
        clock.advanceMillis(4_000);
        assertEquals(SessionLoop.State.PINGING, loop.state(), "the probe's answer keeps the session");
        assertEquals(null, session.closedWith);
        assertTrue(report.take().stream().noneMatch(r -> r.startsWith("reconnect") || r.endsWith("disconnected")));
        assertEquals(1, probes.size(), "silence is counted again from the answer");
        clock.advanceMillis(2_000);
        assertEquals(2, probes.size(), "a new whole timeout of silence asks again");
    }

    @Test
    void datagramSilenceWithoutAnAnswerOnAStreamEitherIsALostSession() {
        SessionLoop loop = loop(PingMode.DATAGRAM, 0, Duration.ofSeconds(1), 1);
        loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        FakeSession session = open(0);
        clock.advanceMillis(9_999);
        assertEquals(SessionLoop.State.PINGING, loop.state());
        clock.advanceMillis(1);
        assertEquals(SessionLoop.State.BACKOFF, loop.state(), "no answer for the probe's own timeout");
        assertEquals("lost", session.closedWith);
        assertEquals(1, probes.size());
        probes.get(0).setSuccess(null);
        assertEquals(SessionLoop.State.BACKOFF, loop.state(), "a late answer changes nothing");
    }

    @Test
    void theCountReachedEndsTheLoopAndClosesTheSession() {
        SessionLoop loop = loop(2, Duration.ZERO, 2);
        CompletableFuture<Ending> ending = loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        FakeSession session = open(0);
        clock.advanceMillis(4_000);
        sinks.get(0).pong(1, clock.nanoTime());
        assertFalse(ending.isDone());
        clock.advanceMillis(1_000);
        assertEquals(Ending.Reason.SOME_LOST, ending.getNow(null).reason());
        assertEquals(1, ending.getNow(null).exitStatus());
        assertEquals("done", session.closedWith);
        assertEquals(SessionLoop.State.DONE, loop.state());
    }

    @Test
    void aPayloadTooLargeForADatagramIsBadUsage() {
        openFailure = new PingTransports.TooLargeForADatagram("a PING of 2000 payload bytes does not fit one datagram");
        SessionLoop loop = loop(1, Duration.ofSeconds(1), 1);
        CompletableFuture<Ending> ending = loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        open(0);
        assertEquals(new Ending(Ending.Reason.BAD_USAGE, "a PING of 2000 payload bytes does not fit one datagram"),
                ending.getNow(null));
        assertEquals(2, ending.getNow(null).exitStatus());
    }

    @Test
    void aStopLosesThePingsInFlightAsInterrupted() {
        SessionLoop loop = loop(0, Duration.ofMillis(100), 1);
        CompletableFuture<Ending> ending = loop.start(Duration.ZERO);
        clock.advanceMillis(0);
        open(0);
        loop.stop();
        assertEquals(List.of("lost 1 interrupted"), report.take());
        assertEquals(Ending.Reason.INTERRUPTED, ending.getNow(null).reason());
        assertEquals(0, clock.pendingTimers());
    }
}
