package dev.pingpong.client;

/**
 * The totals of a run.
 *
 * @param rtt round-trip statistics in nanoseconds; null when no pong arrived
 */
record Summary(long sent, long received, long lost, long reconnects, Rtt rtt) {

    record Rtt(long minNanos, long avgNanos, long p50Nanos, long p99Nanos, long maxNanos) {
    }

    /** Lost share in percent, 0 when nothing was sent. */
    double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost / sent;
    }
}
