package dev.pingpong.client;

import java.util.function.LongSupplier;

/**
 * What every session loop counts, shared by all of them (they may run on different threads).
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

    synchronized Summary summary() {
        return new Summary(sent, received, lost, reconnects, rtt.count() == 0 ? null : new Summary.Rtt(
                rtt.min(), Math.round(rtt.mean()), rtt.percentile(50), rtt.percentile(99), rtt.max()),
                received + lost == 0 ? 0 : lastSettledNanos - firstSentNanos);
    }
}
