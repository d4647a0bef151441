package dev.pingpong.operator.runtime;

import java.time.Duration;

/**
 * How leader election paces itself. The holder renews every {@code retryPeriod} and gives up leading when it has
 * not renewed for {@code renewDeadline}; a standby takes the Lease over once it has not been renewed for
 * {@code leaseDuration}. So a stopped or partitioned leader is replaced within {@code leaseDuration} (plus one
 * {@code retryPeriod} of the standby's polling), and never while it may still believe it leads.
 */
public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    /** fabric8 waits up to this factor more than retryPeriod between attempts. */
    private static final double JITTER = 1.2;

    /** IllegalArgumentException unless leaseDuration > renewDeadline > retryPeriod * (1 + jitter) > 0. */
    public LeaseTimings {
        if (retryPeriod.isZero() || retryPeriod.isNegative()) {
            throw new IllegalArgumentException("the retry period must be positive");
        }
        if (renewDeadline.toMillis() <= retryPeriod.toMillis() * (1 + JITTER)) {
            throw new IllegalArgumentException("the renew deadline must be longer than 2.2 retry periods");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("the duration must be longer than the renew deadline");
        }
    }
}
