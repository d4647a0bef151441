package dev.pingpong.client;

/**
 * What every session loop counts, shared by all of them (they may run on different threads).
 * Invariant once all loops have finished: {@code sent == received + lost}.
 */
final class PingStats {

    private final RttHistogram rtt = new RttHistogram();
    private long sent;
    private long received;
    private long lost;
    private long reconnects;
    private volatile long lastPongNanos;
    private volatile boolean anyPong;

    synchronized void sent() {
        sent++;
    }

    void received(long rttNanos, long nowNanos) {
        synchronized (this) {
            received++;
            rtt.record(rttNanos);
        }
        lastPongNanos = nowNanos;
        anyPong = true;
    }

    synchronized void lost() {
        lost++;
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
                rtt.min(), Math.round(rtt.mean()), rtt.percentile(50), rtt.percentile(99), rtt.max()));
    }
}
