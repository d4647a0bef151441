package dev.pingpong.client;

/**
 * The round-trip time as QUIC's loss detection estimates it (RFC 9002, 5.3, 6.1.2 and 6.2.1): a smoothed RTT,
 * updated by 1/8 of each sample, its variation, updated by 1/4, and the latest sample. From them, how long a datagram
 * may be outstanding before it is presumed lost once a later one was answered (the loss delay: 9/8 of the larger of
 * the smoothed and the latest RTT, at least 1 ms), and how long when none was (the probe timeout: the smoothed RTT
 * plus four variations, at least 1 ms more). 333 ms stands in for the RTT until the first sample.
 */
final class RttEstimate {

    private static final long INITIAL_RTT_NANOS = 333_000_000L;
    private static final long GRANULARITY_NANOS = 1_000_000L;

    private long smoothedNanos = -1;
    private long variationNanos;
    private long latestNanos;

    void sample(long rttNanos) {
        latestNanos = rttNanos;
        if (smoothedNanos < 0) {
            smoothedNanos = rttNanos;
            variationNanos = rttNanos / 2;
            return;
        }
        variationNanos += (Math.abs(smoothedNanos - rttNanos) - variationNanos) / 4;
        smoothedNanos += (rttNanos - smoothedNanos) / 8;
    }

    long lossDelayNanos() {
        long rtt = smoothedNanos < 0 ? INITIAL_RTT_NANOS : Math.max(smoothedNanos, latestNanos);
        return Math.max(rtt + rtt / 8, GRANULARITY_NANOS);
    }

    long probeTimeoutNanos() {
        long smoothed = smoothedNanos < 0 ? INITIAL_RTT_NANOS : smoothedNanos;
        long variation = smoothedNanos < 0 ? INITIAL_RTT_NANOS / 2 : variationNanos;
        return smoothed + Math.max(4 * variation, GRANULARITY_NANOS);
    }
}
