package dev.pingpong.client;

/**
 * The round-trip time as QUIC's loss detection estimates it (RFC 9002, 5.3 and 6.1.2): a smoothed RTT, updated
 * by 1/8 of each sample, and the latest sample. From them, how long a datagram may be outstanding before it is
 * presumed lost: 9/8 of the larger, at least 1 ms; 333 ms stands in for the RTT until the first sample.
 */
final class RttEstimate {

    private static final long INITIAL_RTT_NANOS = 333_000_000L;
    private static final long GRANULARITY_NANOS = 1_000_000L;

    private long smoothedNanos = -1;
    private long latestNanos;

    void sample(long rttNanos) {
        latestNanos = rttNanos;
        smoothedNanos = smoothedNanos < 0 ? rttNanos : smoothedNanos + (rttNanos - smoothedNanos) / 8;
    }

    long lossDelayNanos() {
        long rtt = smoothedNanos < 0 ? INITIAL_RTT_NANOS : Math.max(smoothedNanos, latestNanos);
        return Math.max(rtt + rtt / 8, GRANULARITY_NANOS);
    }
}
