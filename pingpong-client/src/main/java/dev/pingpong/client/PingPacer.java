package dev.pingpong.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces one loop's pings: one per {@code --interval} tick (in flood mode, whenever the window has room), at most
 * {@code --window} in flight, each settled exactly once as a pong or as lost. In datagram mode nothing resends a
 * lost ping, so a ping that QUIC would call lost gives up its place in the window ({@link LossPresumption}: out for
 * the loss delay with a later ping answered, or for a probe timeout, which doubles with each one until a pong comes,
 * as QUIC's does), and so does one out longer than one {@code --interval}: one lost datagram does not hold the next
 * pings back until {@code --timeout}, a stalled peer is not sent a window per RTT, and an RTT above the interval
 * does not slow the pace. It still counts as a pong if its pong comes before then. The sequence goes on across
 * sessions: a loop keeps one pacer for its whole run and attaches it to each session's transport in turn, having
 * settled what was in flight on the one before. Confined to the loop's thread.
 */
final class PingPacer {

    /** What the pacer tells the session lifecycle; both calls come last in what the pacer does. */
    interface Listener {

        /** One or more pings were settled. */
        void settled();

        /** A ping timed out and nothing was answered for a whole {@code --timeout}: the transport looks dead. */
        void silent();
    }

    static final String LOST_TIMEOUT = "timeout";
    static final String LOST_DISCONNECTED = "disconnected";
    static final String LOST_INTERRUPTED = "interrupted";

    private static final Logger log = LoggerFactory.getLogger(PingPacer.class);
    /** The probe timeout doubles at most this many times: 1024 of them. */
    private static final int MAX_PROBE_BACKOFF = 10;

    private final int session;
    private final LoopSettings settings;
    private final LoopScheduler scheduler;
    private final PingStats stats;
    private final Report report;
    private final InFlight inFlight = new InFlight();
    /** Datagram mode: pings may be lost on the way, and then are presumed lost after the RTT's loss delay. */
    private final boolean presumeLoss;
    private final RttEstimate rtt = new RttEstimate();
    private Listener listener;

    private PingTransport transport;
    /** False before the first transport, while a drain waits for the pings in flight, and after a transport is gone. */
    private boolean sending;
    private Runnable cancelTick;
    private Runnable cancelExpiry;
    /** Set while the window is full of pings of which the oldest will be presumed lost at the timer. */
    private Runnable cancelPresumption;
    private long nextTickNanos;
    /** A tick found the window full: the ping goes out as soon as one settles. */
    private boolean tickOwed;
    private long nextSeq = 1;
    /** The newest seq answered: older pings still in flight were overtaken. */
    private long newestAnsweredSeq;
    /** Pings below this seq were given up by a probe timeout. */
    private long probedBelowSeq;
    /** Probe timeouts since the last pong: each doubles the next. */
    private int probeBackoff;
    private long lost;
    /** When the transport last answered (or was attached): silence for a whole timeout means it looks dead. */
    private long lastAnswerNanos;

    PingPacer(int session, LoopSettings settings, LoopScheduler scheduler, PingStats stats, Report report) {
        this.session = session;
        this.settings = settings;
        this.scheduler = scheduler;
        this.stats = stats;
        this.report = report;
        this.presumeLoss = settings.mode() == PingMode.DATAGRAM;
    }

    void listener(Listener value) {
        this.listener = value;
    }

    /** Starts pinging on {@code newTransport}, from the next seq. */
    void attach(PingTransport newTransport) {
        transport = newTransport;
        sending = true;
        lastAnswerNanos = scheduler.nanoTime();
        if (settings.flood()) {
            fillWindow();
        } else {
            nextTickNanos = scheduler.nanoTime();
            tick();
        }
    }

    /** Sends no more pings on this transport; those in flight still get their pong or expire. */
    void pause() {
        sending = false;
        tickOwed = false;
        if (cancelTick != null) {
            cancelTick.run();
            cancelTick = null;
        }
        if (cancelPresumption != null) {
            cancelPresumption.run();
            cancelPresumption = null;
        }
    }

    /** Lets go of the transport (closing what it holds); call {@link #settleAll} first. */
    void detach() {
        pause();
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    /** Settles every ping in flight as lost for {@code reason}. */
    void settleAll(String reason) {
        inFlight.clear(seq -> settleLost(seq, reason));
        if (cancelExpiry != null) {
            cancelExpiry.run();
            cancelExpiry = null;
        }
    }

    /** A PONG arrived; one for a seq not in flight (late, duplicate, or of an earlier session) is ignored. */
    void pong(long seq, long receivedNanos) {
        long sentNanos = inFlight.remove(seq);
        if (sentNanos < 0) {
            log.debug("session {}: pong for seq {} that is not in flight (late or duplicate), ignored", session, seq);
            return;
        }
        lastAnswerNanos = receivedNanos;
        newestAnsweredSeq = Math.max(newestAnsweredSeq, seq);
        probeBackoff = 0;
        long rttNanos = receivedNanos - sentNanos;
        rtt.sample(rttNanos);
        stats.received(rttNanos, receivedNanos);
        report.pong(session, seq, rttNanos);
        afterSettle();
    }

    /** The session answered otherwise (a probe): a silence is counted from now. */
    void heardFrom(long nanos) {
        lastAnswerNanos = nanos;
    }

    /** True once {@code --count} pings have been sent (never without a count). */
    boolean allSent() {
        return !settings.unlimited() && nextSeq > settings.count();
    }

    boolean idle() {
        return inFlight.isEmpty();
    }

    int inFlight() {
        return inFlight.size();
    }

    long sent() {
        return nextSeq - 1;
    }

    long nextSeq() {
        return nextSeq;
    }

    long lost() {
        return lost;
    }

    private void tick() {
        cancelTick = null;
        if (!sending || allSent()) {
            return;
        }
        if (hasRoom()) {
            sendPing();
            transport.flush();
        } else {
            tickOwed = true;
            armPresumption();
        }
        nextTickNanos += settings.interval().toNanos();
        cancelTick = scheduler.schedule(this::tick, Math.max(0, nextTickNanos - scheduler.nanoTime()));
    }

    private void fillWindow() {
        boolean wrote = false;
        while (sending && !allSent() && hasRoom()) {
            sendPing();
            wrote = true;
        }
        if (wrote) {
            transport.flush();
        }
        if (sending && !allSent()) {
            armPresumption();
        }
    }

    /** Fewer than {@code --window} pings in flight, not counting those presumed lost. */
    private boolean hasRoom() {
        if (inFlight.size() < settings.window()) {
            return true;
        }
        return presumeLoss && inFlight.countHolding(presumption(scheduler.nanoTime())) < settings.window();
    }

    private LossPresumption presumption(long now) {
        return new LossPresumption(probedBelowSeq, newestAnsweredSeq, now - lossDelayNanos());
    }

    private long lossDelayNanos() {
        return atMostAnInterval(rtt.lossDelayNanos());
    }

    private long probeDelayNanos() {
        return atMostAnInterval(rtt.probeTimeoutNanos() << probeBackoff);
    }

    private long atMostAnInterval(long delayNanos) {
        return settings.flood() ? delayNanos : Math.min(delayNanos, settings.interval().toNanos());
    }

    /**
     * With the window full of datagram pings, checks again when the oldest of them that holds its place is presumed
     * lost; set anew each time, since every pong may change the delays and what is overtaken.
     */
    private void armPresumption() {
        if (cancelPresumption != null) {
            cancelPresumption.run();
            cancelPresumption = null;
        }
        if (!presumeLoss || hasRoom()) {
            return;
        }
        long now = scheduler.nanoTime();
        long seq = inFlight.oldestHoldingSeq(presumption(now));
        long sent = inFlight.sentNanos(seq);
        long probeDelay = probeDelayNanos();
        long lossAt = sent + lossDelayNanos();
        boolean probe = seq >= newestAnsweredSeq || sent + probeDelay - lossAt <= 0;
        cancelPresumption = scheduler.schedule(() -> {
            cancelPresumption = null;
            if (probe) {
                probeTimedOut(probeDelay);
            }
            refill();
        }, Math.max(0, (probe ? sent + probeDelay : lossAt) - now));
    }

    /** Gives up every ping out for {@code probeDelay}; the next probe timeout is twice as long. */
    private void probeTimedOut(long probeDelay) {
        probedBelowSeq = Math.max(probedBelowSeq, inFlight.firstSentAfter(scheduler.nanoTime() - probeDelay));
        if (probeBackoff < MAX_PROBE_BACKOFF) {
            probeBackoff++;
        }
    }

    private void sendPing() {
        long seq = nextSeq++;
        long now = scheduler.nanoTime();
        inFlight.add(seq, now);
        stats.sent();
        transport.write(seq, now);
        armExpiry();
    }

    private void expire() {
        cancelExpiry = null;
        long now = scheduler.nanoTime();
        int before = inFlight.size();
        inFlight.expire(now - settings.timeout().toNanos(), seq -> settleLost(seq, LOST_TIMEOUT));
        if (inFlight.size() == before) {
            armExpiry();
            return;
        }
        if (now - lastAnswerNanos >= settings.timeout().toNanos() && transport != null) {
            // QUIC would notice only at its idle timeout; a server killed without a goodbye is found here.
            listener.silent();
            if (transport == null) {
                return;
            }
        }
        armExpiry();
        afterSettle();
    }

    /** Refills the window (or sends the tick the window held back), then tells the lifecycle. */
    private void afterSettle() {
        refill();
        listener.settled();
    }

    private void refill() {
        if (!sending) {
            return;
        }
        if (settings.flood()) {
            fillWindow();
        } else if (tickOwed && hasRoom() && !allSent()) {
            tickOwed = false;
            sendPing();
            transport.flush();
        } else if (tickOwed) {
            armPresumption();
        }
    }

    private void armExpiry() {
        if (cancelExpiry == null && !inFlight.isEmpty()) {
            long due = inFlight.oldestSentNanos() + settings.timeout().toNanos() - scheduler.nanoTime();
            cancelExpiry = scheduler.schedule(this::expire, Math.max(0, due));
        }
    }

    private void settleLost(long seq, String reason) {
        lost++;
        stats.lost();
        report.lost(session, seq, reason);
    }
}
