package dev.pingpong.client;

import dev.pingpong.app.CommandLineRunner;
import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One session's ping loop, as a small state machine:
 * <pre>
 * CONNECTING -> OPEN -> PINGING -> (LOST | DRAINING) -> BACKOFF -> CONNECTING ...      ... -> DONE
 * </pre>
 * Each transition is one method with one log line. Every ping in flight at a transition is settled, as a
 * pong or as lost, before the next state, and the sequence goes on across reconnects, so every ping ends
 * in exactly one record. All state is confined to {@link #loop}; events from the session's I/O thread
 * are moved onto it (no hop when both are the same thread).
 */
final class SessionLoop {

    /** Why a loop gave up (one line), and the exit status that says so. */
    record Failure(String reason, int exitStatus) {
    }

    enum State { IDLE, CONNECTING, OPEN, PINGING, DRAINING, BACKOFF, DONE }

    static final String LOST_TIMEOUT = "timeout";
    static final String LOST_DISCONNECTED = "disconnected";
    static final String LOST_INTERRUPTED = "interrupted";

    private static final Logger log = LoggerFactory.getLogger(SessionLoop.class);

    private final int id;
    private final LoopSettings settings;
    private final WebTransportClient client;
    private final URI uri;
    private final ConnectOptions connectOptions;
    private final EventLoop loop;
    /** Runs {@link WebTransportClient#connect}, which may block (socket bind, name lookup): never on {@link #loop}. */
    private final ConnectLimiter connector;
    private final PingStats stats;
    private final Report report;
    private final Backoff backoff;
    private final InFlight inFlight = new InFlight();
    private final Promise<Failure> done;

    private State state = State.IDLE;
    /** Tells events of the current session from those of earlier ones. */
    private int generation;
    private WebTransportSession session;
    private PingTransport transport;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> expiry;
    private boolean tickOwed;
    private long nextSeq = 1;
    /** When this session last answered (or started pinging): silence for a whole timeout means it is dead. */
    private long lastAnswerNanos;
    private boolean everOpened;
    private long disconnectedSinceNanos = System.nanoTime();

    SessionLoop(int id, LoopSettings settings, WebTransportClient client, URI uri, ConnectOptions connectOptions,
                EventLoop loop, ConnectLimiter connector, PingStats stats, Report report) {
        this.id = id;
        this.settings = settings;
        this.client = client;
        this.uri = uri;
        this.connectOptions = connectOptions;
        this.loop = loop;
        this.connector = connector;
        this.stats = stats;
        this.report = report;
        this.backoff = Backoff.withRandomJitter(settings.backoffInitial(), settings.backoffMax());
        this.done = loop.newPromise();
    }

    /**
     * Starts after {@code delay}; the returned future completes when the loop is done: with null after a
     * normal end, or with the failure when it gave up (no server reached, refused, or a payload too large).
     */
    Future<Failure> start(Duration delay) {
        disconnectedSinceNanos = System.nanoTime() + delay.toNanos();
        loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
        return done;
    }

    /** Ends the loop now (interrupt): pings in flight are lost. */
    void stop() {
        onLoop(() -> {
            if (state != State.DONE) {
                settleAllLost(LOST_INTERRUPTED);
                finish();
            }
        });
    }

    // ---- transitions ----

    private void connect() {
        if (state == State.DONE) {
            return;
        }
        state = State.CONNECTING;
        int attempt = ++generation;
        Events events = new Events(attempt);
        log.info("session {}: connecting to {}", id, uri);
        connector.submit(() -> client.connect(uri, connectOptions, events).addListener((Future<WebTransportSession> f) ->
                onLoop(() -> {
                    if (f.isSuccess()) {
                        opened(events, f.getNow());
                    } else {
                        connectFailed(attempt, f.cause());
                    }
                })));
    }

    private void opened(Events events, WebTransportSession opened) {
        int attempt = events.attempt;
        if (attempt != generation || state != State.CONNECTING) {
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
                opened.protocol().orElse("none"), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disconnectedSinceNanos));
        PingTransport.PongSink sink = new Sink(attempt);
        if (settings.mode() == PingMode.DATAGRAM) {
            if (!DatagramTransport.fits(opened, settings.payload())) {
                // Only the connection tells how large a datagram may be; the server was reached, -s is the fault.
                fail(new Failure("a PING of " + settings.payload().size() + " payload bytes does not fit one datagram (at most "
                        + opened.maxDatagramSize() + " bytes per datagram)", CommandLineRunner.USAGE));
                return;
            }
            DatagramTransport datagrams = new DatagramTransport(opened, settings.payload(), sink);
            events.datagrams = datagrams;
            startPinging(datagrams);
            return;
        }
        opened.openBidirectionalStream().addListener((Future<WebTransportStream> f) -> onLoop(() -> {
            if (attempt != generation || state != State.OPEN) {
                if (f.isSuccess()) {
                    f.getNow().reset(0);
                }
                return;
            }
            if (f.isSuccess()) {
                startPinging(new StreamTransport(f.getNow(), settings.payload(), sink));
            } else {
                lost("could not open a stream: " + f.cause().getMessage());
            }
        }));
    }

    private void startPinging(PingTransport newTransport) {
        state = State.PINGING;
        transport = newTransport;
        lastAnswerNanos = System.nanoTime();
        log.info("session {}: pinging in {} mode from seq {}", id, settings.mode().name().toLowerCase(java.util.Locale.ROOT), nextSeq);
        if (settings.flood()) {
            fillWindow();
        } else {
            long interval = settings.interval().toNanos();
            ticker = loop.scheduleAtFixedRate(this::tick, 0, interval, TimeUnit.NANOSECONDS);
        }
    }

    private void draining() {
        state = State.DRAINING;
        stopTicking();
        log.info("session {}: server is draining; waiting for {} pings in flight", id, inFlight.size());
        afterSettle();
    }

    /** The drain is over (every ping settled, or the session ended): reconnect at once, as the server asked. */
    private void drained() {
        log.info("session {}: drained; reconnecting at once", id);
        settleAllLost(LOST_DISCONNECTED);
        closeSession("drained");
        if (allSent()) {
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
        log.info("session {}: lost ({}); {} pings in flight counted lost", id, reason, inFlight.size());
        settleAllLost(LOST_DISCONNECTED);
        closeSession("lost");
        if (allSent()) {
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
            fail(new Failure(reason, Main.NO_SERVER));
            return;
        }
        long without = System.nanoTime() - disconnectedSinceNanos;
        if (without >= settings.connectTimeout().toNanos()) {
            fail(new Failure("no server reached at " + uri + " within " + settings.connectTimeout().toMillis()
                    + " ms (last error: " + reason + ")", Main.NO_SERVER));
            return;
        }
        log.info("session {}: connect failed: {}", id, reason);
        backOff();
    }

    private void backOff() {
        state = State.BACKOFF;
        Duration delay = backoff.next();
        long left = settings.connectTimeout().toNanos() - (System.nanoTime() - disconnectedSinceNanos);
        long delayNanos = Math.max(0, Math.min(delay.toNanos(), left));
        report.reconnect(id, backoff.attempts(), TimeUnit.NANOSECONDS.toMillis(delayNanos));
        log.info("session {}: reconnecting in {} ms (attempt {})", id, TimeUnit.NANOSECONDS.toMillis(delayNanos), backoff.attempts());
        loop.schedule(this::connect, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void finish() {
        state = State.DONE;
        closeSession("done");
        log.info("session {}: done after {} pings", id, nextSeq - 1);
        done.trySuccess(null);
    }

    private void fail(Failure failure) {
        settleAllLost(LOST_DISCONNECTED);
        state = State.DONE;
        closeSession("failed");
        log.error("session {}: giving up: {}", id, failure.reason());
        done.trySuccess(failure);
    }

    // ---- pinging ----

    private void tick() {
        if (state != State.PINGING) {
            return;
        }
        if (allSent()) {
            stopTicking();
            return;
        }
        if (inFlight.size() < settings.window()) {
            sendPing();
            transport.flush();
        } else {
            tickOwed = true;
        }
    }

    private void fillWindow() {
        boolean wrote = false;
        while (state == State.PINGING && !allSent() && inFlight.size() < settings.window()) {
            sendPing();
            wrote = true;
        }
        if (wrote) {
            transport.flush();
        }
    }

    private void sendPing() {
        long seq = nextSeq++;
        long now = System.nanoTime();
        inFlight.add(seq, now);
        stats.sent();
        transport.write(seq, now);
        armExpiry();
    }

    private void pong(int attempt, long seq, long receivedNanos) {
        if (attempt != generation) {
            return;
        }
        long sentNanos = inFlight.remove(seq);
        if (sentNanos < 0) {
            log.debug("session {}: pong for seq {} that is not in flight (late or duplicate), ignored", id, seq);
            return;
        }
        lastAnswerNanos = receivedNanos;
        long rtt = receivedNanos - sentNanos;
        stats.received(rtt, receivedNanos);
        report.pong(id, seq, rtt);
        afterSettle();
    }

    private void expire() {
        expiry = null;
        long now = System.nanoTime();
        int before = inFlight.size();
        inFlight.expire(now - settings.timeout().toNanos(), seq -> settleLost(seq, LOST_TIMEOUT));
        boolean silent = now - lastAnswerNanos >= settings.timeout().toNanos();
        if (inFlight.size() < before && silent && state == State.PINGING) {
            // QUIC would notice only at its idle timeout; a server killed without a goodbye is found here.
            lost("no pong for " + settings.timeout().toMillis() + " ms, the connection seems dead");
            return;
        }
        armExpiry();
        afterSettle();
    }

    /** After a ping settled: refill the window, finish, or end the drain. */
    private void afterSettle() {
        if (state == State.PINGING) {
            if (settings.flood()) {
                fillWindow();
            } else if (tickOwed && inFlight.size() < settings.window() && !allSent()) {
                tickOwed = false;
                sendPing();
                transport.flush();
            }
        }
        if ((state == State.PINGING || state == State.DRAINING) && allSent() && inFlight.isEmpty()) {
            finish();
        } else if (state == State.DRAINING && inFlight.isEmpty()) {
            drained();
        }
    }

    private void armExpiry() {
        if (expiry == null && !inFlight.isEmpty()) {
            long due = inFlight.oldestSentNanos() + settings.timeout().toNanos() - System.nanoTime();
            expiry = loop.schedule(this::expire, Math.max(0, due), TimeUnit.NANOSECONDS);
        }
    }

    private boolean allSent() {
        return !settings.unlimited() && nextSeq > settings.count();
    }

    private void settleLost(long seq, String reason) {
        stats.lost();
        report.lost(id, seq, reason);
    }

    private void settleAllLost(String reason) {
        inFlight.clear(seq -> settleLost(seq, reason));
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    private void stopTicking() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        tickOwed = false;
    }

    private void closeSession(String reason) {
        // First, so that the close's own onClosed (which may run inline) is seen as stale.
        generation++;
        stopTicking();
        if (transport != null) {
            transport.close();
            transport = null;
        }
        if (session != null) {
            WebTransportSession closing = session;
            session = null;
            disconnectedSinceNanos = System.nanoTime();
            if (closing.isOpen()) {
                closing.close(0, reason);
            }
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    // ---- events from the session, tagged with the attempt they belong to ----

    private final class Events implements SessionListener {
        private final int attempt;
        /** Set on the loop once pinging starts in datagram mode; read on the I/O thread. */
        private volatile DatagramTransport datagrams;

        Events(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onDatagram(WebTransportSession from, ByteBuf payload) {
            DatagramTransport receiver = datagrams;
            if (receiver == null) {
                payload.release();
                return;
            }
            receiver.received(payload);
        }

        @Override
        public void onDraining(WebTransportSession from) {
            onLoop(() -> {
                if (attempt == generation && (state == State.PINGING || state == State.OPEN)) {
                    draining();
                }
            });
        }

        @Override
        public void onClosed(WebTransportSession from, SessionCloseInfo info) {
            onLoop(() -> {
                if (attempt == generation && state != State.DONE && state != State.CONNECTING) {
                    lost(info.isClean() ? "closed by the server with code " + info.code() + " '" + info.reason() + "'"
                            : "connection lost: " + info.cause().getMessage());
                }
            });
        }
    }

    private final class Sink implements PingTransport.PongSink {
        private final int attempt;

        Sink(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void pong(long seq, long receivedNanos) {
            onLoop(() -> SessionLoop.this.pong(attempt, seq, receivedNanos));
        }

        @Override
        public void broken(String reason) {
            onLoop(() -> {
                if (attempt == generation && state != State.DONE) {
                    lost(reason);
                }
            });
        }
    }
}
