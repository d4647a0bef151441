package dev.pingpong.client;

import java.util.function.LongSupplier;

/**
 * What the session loops of one event loop count ({@link PingTotals} adds the event loops up). Written on that loop's
 * thread, read by summaries from others: the lock is uncontended but for them.
 * Invariant once all loops have finished: {@code sent == received + lost}.
 */
final class PingStats {

    private final RttHistogram rtt = new RttHistogram();
    /** The time of a send or a loss, in {@link System#nanoTime()} terms (a pong brings its own). */
    private final LongSupplier clock;
    private long sent;
    private long received;
    private long lost;
    private long reconnects;
    private long firstSentNanos;
    private long lastSettledNanos;
    private volatile long lastPongNanos;
    private volatile boolean anyPong;

    PingStats() {
        this(System::nanoTime);
    }

    PingStats(LongSupplier clock) {
        this.clock = clock;
    }

    synchronized void sent() {
        if (sent++ == 0) {
            firstSentNanos = clock.getAsLong();
        }
    }

    void received(long rttNanos, long nowNanos) {
        synchronized (this) {
            received++;
            rtt.record(rttNanos);
            lastSettledNanos = nowNanos;
        }
        lastPongNanos = nowNanos;
        anyPong = true;
    }

    synchronized void lost() {
        lost++;
        lastSettledNanos = clock.getAsLong();
    }

    synchronized void reconnected() {
        reconnects++;
    }

    /** True when a pong arrived within {@code windowNanos} before {@code nowNanos}. */
    boolean pongWithin(long windowNanos, long nowNanos) {
        return anyPong && nowNanos - lastPongNanos <= windowNanos;
    }

    /** Adds what this counted to {@code total}, which nothing else uses meanwhile. */
    synchronized void addTo(PingStats total) {
        boolean settledAny = received + lost > 0;
        boolean totalSettledAny = total.received + total.lost > 0;
        if (sent > 0) {
            total.firstSentNanos = total.sent == 0 || firstSentNanos - total.firstSentNanos < 0 ? firstSentNanos : total.firstSentNanos;
        }
        if (settledAny) {
            total.lastSettledNanos = !totalSettledAny || lastSettledNanos - total.lastSettledNanos > 0
                    ? lastSettledNanos : total.lastSettledNanos;
        }
        total.sent += sent;
        total.received += received;
        total.lost += lost;
        total.reconnects += reconnects;
        total.rtt.add(rtt);
    }

    synchronized Summary summary() {
        return new Summary(sent, received, lost, reconnects, rtt.count() == 0 ? null : new Summary.Rtt(
                rtt.min(), Math.round(rtt.mean()), rtt.percentile(50), rtt.percentile(99), rtt.max()),
                received + lost == 0 ? 0 : lastSettledNanos - firstSentNanos);
    }
}
