package dev.pingpong.client;

import java.time.Duration;

/**
 * What each session loop needs to know, validated.
 *
 * @param count          pings per session; 0 for unlimited
 * @param interval       time between pings; zero for flood
 * @param window         pings in flight at once
 * @param timeout        a ping without a pong after this long is lost
 * @param connectTimeout how long a loop may stay without a session (at start and after each loss) before giving up
 */
record LoopSettings(long count, Duration interval, int window, PingMode mode, PingPayload payload, Duration timeout,
                    Duration connectTimeout, Duration backoffInitial, Duration backoffMax) {

    boolean flood() {
        return interval.isZero();
    }

    boolean unlimited() {
        return count == 0;
    }

    /** How long without a pong still counts as "pongs arrive" for readiness: a few intervals, at least the timeout. */
    Duration readinessWindow() {
        Duration fewIntervals = interval.multipliedBy(3);
        return fewIntervals.compareTo(timeout) > 0 ? fewIntervals : timeout;
    }
}
