package dev.pingpong.client;

import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportSession;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lifecycle of one session loop, as a small state machine:
 * <pre>
 * CONNECTING -> OPEN -> PINGING -> (lost | DRAINING) -> BACKOFF -> CONNECTING ...      ... -> DONE
 * </pre>
 * Each transition is one method with one log line. The pings themselves are the {@link PingPacer}'s: this class
 * attaches it to each session's transport and, at every transition, has it settle what is in flight before the
 * next state, so every ping ends in exactly one record. Events of a session are tagged with its attempt number,
 * so those of an earlier session are told apart and dropped. All state is confined to the loop's thread.
 */
final class SessionLoop implements PingPacer.Listener {

    /** One connect attempt: its events go to {@code listener}. */
    interface SessionConnector {
        /**
         * Starts an attempt, or queues it behind the client's other connects; {@code started} runs (on any thread)
         * when it really starts, since time spent queued is not the server's silence.
         */
        Future<WebTransportSession> connect(SessionListener listener, Runnable started);
    }

    enum State { IDLE, CONNECTING, OPEN, PINGING, DRAINING, BACKOFF, DONE }

    private static final Logger log = LoggerFactory.getLogger(SessionLoop.class);

    private final int id;
    private final LoopSettings settings;
    private final URI uri;
    private final SessionConnector connector;
    private final PingTransports transports;
    private final LoopScheduler scheduler;
    private final PingStats stats;
    private final Report report;
    private final Backoff backoff;
    private final PingPacer pacer;
    private final CompletableFuture<Ending> done = new CompletableFuture<>();

    private State state = State.IDLE;
    /** Tells events of the current session from those of earlier ones. */
    private int generation;
    private WebTransportSession session;
    private boolean everOpened;
    private long disconnectedSinceNanos;
    /** Of the time since then, how long attempts waited queued behind the client's other connects. */
    private long queuedNanos;
    /** Set while a liveness probe is out: cancels its deadline. */
    private Runnable cancelProbe;

    SessionLoop(int id, LoopSettings settings, URI uri, SessionConnector connector, PingTransports transports,
                LoopScheduler scheduler, Backoff backoff, PingStats stats, Report report) {
        this.id = id;
        this.settings = settings;
        this.uri = uri;
        this.connector = connector;
        this.transports = transports;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.stats = stats;
        this.report = report;
        this.pacer = new PingPacer(id, settings, scheduler, stats, report);
        pacer.listener(this);
    }

    /** Starts after {@code delay}; the returned future completes with how the loop ended. */
    CompletableFuture<Ending> start(Duration delay) {
        disconnectedSinceNanos = scheduler.nanoTime() + delay.toNanos();
        scheduler.schedule(this::connect, delay.toNanos());
        return done;
    }

    /** Ends the loop now (interrupt): pings in flight are lost. */
    void stop() {
        scheduler.execute(() -> {
            if (state != State.DONE) {
                pacer.settleAll(PingPacer.LOST_INTERRUPTED);
                end(Ending.of(Ending.Reason.INTERRUPTED));
            }
        });
    }

    State state() {
        return state;
    }

    // ---- transitions ----

    private void connect() {
        if (state == State.DONE) {
            return;
        }
        state = State.CONNECTING;
        Events events = new Events(++generation);
        log.info("session {}: connecting to {}", id, uri);
        long requestedNanos = scheduler.nanoTime();
        connector.connect(events, () -> scheduler.execute(() -> queuedNanos += scheduler.nanoTime() - requestedNanos))
                .addListener((Future<WebTransportSession> f) -> scheduler.execute(() -> {
            if (f.isSuccess()) {
                opened(events, f.getNow());
            } else {
                connectFailed(events.attempt, f.cause());
            }
        }));
    }

    private void opened(Events events, WebTransportSession opened) {
        if (!events.isCurrent() || state != State.CONNECTING) {
            opened.close(0, "superseded");
            return;
        }
        state = State.OPEN;
        session = opened;
        if (everOpened) {
            stats.reconnected();
        }
        everOpened = true;
        backoff.reset();
        log.info("session {}: open (session id {}, protocol {}) after {} ms without a session", id, opened.id(),
                opened.protocol().orElse("none"), millis(scheduler.nanoTime() - disconnectedSinceNanos));
        transports.open(opened, new Sink(events)).addListener((Future<PingTransport> f) -> scheduler.execute(() -> {
            if (!events.isCurrent() || state != State.OPEN) {
                if (f.isSuccess()) {
                    f.getNow().close();
                }
            } else if (f.isSuccess()) {
                startPinging(events, f.getNow());
            } else if (f.cause() instanceof PingTransports.TooLargeForADatagram tooLarge) {
                fail(new Ending(Ending.Reason.BAD_USAGE, tooLarge.getMessage()));
            } else {
                lost("could not open a stream: " + f.cause().getMessage());
            }
        }));
    }

    private void startPinging(Events events, PingTransport transport) {
        state = State.PINGING;
        events.transport = transport;
        log.info("session {}: pinging in {} mode from seq {}", id, settings.mode().name().toLowerCase(Locale.ROOT), pacer.nextSeq());
        pacer.attach(transport);
    }

    private void draining() {
        state = State.DRAINING;
        pacer.pause();
        log.info("session {}: server is draining; waiting for {} pings in flight", id, pacer.inFlight());
        settled();
    }

    /** The drain is over (every ping settled, or the session ended): reconnect at once, as the server asked. */
    private void drained() {
        log.info("session {}: drained; reconnecting at once", id);
        pacer.settleAll(PingPacer.LOST_DISCONNECTED);
        closeSession("drained");
        if (pacer.allSent()) {
            finish();
            return;
        }
        report.reconnect(id, 1, 0);
        connect();
    }

    private void lost(String reason) {
        if (state == State.DRAINING) {
            drained();
            return;
        }
        log.info("session {}: lost ({}); {} pings in flight counted lost", id, reason, pacer.inFlight());
        pacer.settleAll(PingPacer.LOST_DISCONNECTED);
        closeSession("lost");
        if (pacer.allSent()) {
            finish();
        } else {
            backOff();
        }
    }

    private void connectFailed(int attempt, Throwable cause) {
        if (attempt != generation || state != State.CONNECTING) {
            return;
        }
        String reason = ConnectFailures.describe(cause, uri);
        if (ConnectFailures.isPermanent(cause)) {
            fail(new Ending(Ending.Reason.NO_SERVER, reason));
            return;
        }
        if (withoutSessionNanos() >= settings.connectTimeout().toNanos()) {
            fail(new Ending(Ending.Reason.NO_SERVER, "no server reached at " + uri + " within "
                    + settings.connectTimeout().toMillis() + " ms (last error: " + reason + ")"));
            return;
        }
        log.info("session {}: connect failed: {}", id, reason);
        backOff();
    }

    private void backOff() {
        state = State.BACKOFF;
        Duration delay = backoff.next();
        long left = settings.connectTimeout().toNanos() - withoutSessionNanos();
        long delayNanos = Math.max(0, Math.min(delay.toNanos(), left));
        report.reconnect(id, backoff.attempts(), millis(delayNanos));
        log.info("session {}: reconnecting in {} ms (attempt {})", id, millis(delayNanos), backoff.attempts());
        scheduler.schedule(this::connect, delayNanos);
    }

    /** What counts against {@code --connect-timeout}: the time without a session, less the time attempts were queued. */
    private long withoutSessionNanos() {
        return scheduler.nanoTime() - disconnectedSinceNanos - queuedNanos;
    }

    private void finish() {
        log.info("session {}: done after {} pings", id, pacer.sent());
        end(Ending.completed(pacer.lost()));
    }

    private void fail(Ending ending) {
        pacer.settleAll(PingPacer.LOST_DISCONNECTED);
        log.error("session {}: giving up: {}", id, ending.message());
        end(ending);
    }

    private void end(Ending ending) {
        state = State.DONE;
        closeSession("done");
        done.complete(ending);
    }

    // ---- what the pacer reports ----

    @Override
    public void settled() {
        if ((state == State.PINGING || state == State.DRAINING) && pacer.allSent() && pacer.idle()) {
            finish();
        } else if (state == State.DRAINING && pacer.idle()) {
            drained();
        }
    }

    /**
     * A whole {@code --timeout} without a pong. On a stream, which QUIC retransmits, that is a dead session. Datagrams
     * may all have been lost on a bad network while the session is fine: only a probe on a stream may tell.
     */
    @Override
    public void silent() {
        if (state != State.PINGING) {
            return;
        }
        if (settings.mode() == PingMode.DATAGRAM) {
            probe();
        } else {
            lost("no pong for " + settings.timeout().toMillis() + " ms, the connection seems dead");
        }
    }

    private void probe() {
        if (cancelProbe != null) {
            return;
        }
        int attempt = generation;
        log.info("session {}: no pong for {} ms; asking on a stream whether the session still answers", id,
                settings.timeout().toMillis());
        cancelProbe = scheduler.schedule(() -> {
            cancelProbe = null;
            lost("no pong for " + settings.timeout().toMillis() + " ms, nor an answer on a stream in as long: the connection seems dead");
        }, settings.timeout().toNanos());
        transports.probe(session).addListener(f -> scheduler.execute(() -> {
            // A probe that failed is no answer: its deadline decides.
            if (f.isSuccess() && attempt == generation && cancelProbe != null) {
                cancelProbe.run();
                cancelProbe = null;
                pacer.heardFrom(scheduler.nanoTime());
                log.info("session {}: the session answered on a stream; only datagrams were lost, it stays", id);
            }
        }));
    }

    private void closeSession(String reason) {
        // First, so that the close's own onClosed (which may run inline) is seen as stale.
        generation++;
        pacer.detach();
        if (cancelProbe != null) {
            cancelProbe.run();
            cancelProbe = null;
        }
        if (session != null) {
            WebTransportSession closing = session;
            session = null;
            disconnectedSinceNanos = scheduler.nanoTime();
            queuedNanos = 0;
            if (closing.isOpen()) {
                closing.close(0, reason);
            }
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    // ---- events from the session, tagged with the attempt they belong to ----

    private final class Events implements SessionListener {
        private final int attempt;
        /** Set on the loop once pinging starts; read on the I/O thread, which hands it the datagrams. */
        private volatile PingTransport transport;

        Events(int attempt) {
            this.attempt = attempt;
        }

        boolean isCurrent() {
            return attempt == generation;
        }

        @Override
        public void onDatagram(WebTransportSession from, ByteBuf payload) {
            PingTransport receiver = transport;
            if (receiver == null) {
                payload.release();
                return;
            }
            receiver.datagram(payload);
        }

        @Override
        public void onDraining(WebTransportSession from) {
            scheduler.execute(() -> {
                if (isCurrent() && (state == State.PINGING || state == State.OPEN)) {
                    draining();
                }
            });
        }

        @Override
        public void onClosed(WebTransportSession from, SessionCloseInfo info) {
            scheduler.execute(() -> {
                if (isCurrent() && state != State.DONE && state != State.CONNECTING) {
                    lost(info.isClean() ? "closed by the server with code " + info.code() + " '" + info.reason() + "'"
                            : "connection lost: " + info.cause().getMessage());
                }
            });
        }
    }

    private final class Sink implements PingTransport.PongSink {
        private final Events events;

        Sink(Events events) {
            this.events = events;
        }

        @Override
        public void pong(long seq, long receivedNanos) {
            scheduler.execute(() -> {
                if (events.isCurrent()) {
                    pacer.pong(seq, receivedNanos);
                }
            });
        }

        @Override
        public void broken(String reason) {
            scheduler.execute(() -> {
                if (events.isCurrent() && state != State.DONE) {
                    lost(reason);
                }
            });
        }
    }
}
