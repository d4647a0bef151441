package dev.pingpong.client;

/**
 * The totals of a run.
 *
 * @param rtt          round-trip statistics in nanoseconds; null when no pong arrived
 * @param elapsedNanos from the first ping sent to the last one settled (answered or lost); 0 before any settled
 */
record Summary(long sent, long received, long lost, long reconnects, Rtt rtt, long elapsedNanos) {

    record Rtt(long minNanos, long avgNanos, long p50Nanos, long p99Nanos, long maxNanos) {
    }

    /** Lost share in percent, 0 when nothing was sent. */
    double lossPercent() {
        return sent == 0 ? 0 : 100.0 * lost / sent;
    }

    /** Pings settled (answered or lost) per second over {@link #elapsedNanos}; 0 when that is 0. */
    double settledPerSecond() {
        return elapsedNanos == 0 ? 0 : (received + lost) * 1e9 / elapsedNanos;
    }
}
