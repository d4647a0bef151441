package dev.pingpong.client;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: the n-th delay after a success (n = 0, 1, ...) is uniform in
 * [0, min(max, initial * 2^n)]. {@link #reset()} after a success starts over. Not thread-safe.
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    /** Given a bound b, returns a uniform value in [0, b]. */
    private final LongUnaryOperator uniform;
    private int attempts;

    Backoff(Duration initial, Duration max, LongUnaryOperator uniform) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.uniform = uniform;
    }

    /** Full jitter from a thread-local random source. */
    static Backoff withRandomJitter(Duration initial, Duration max) {
        return new Backoff(initial, max,
                bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** The ceiling of the next delay, before jitter. */
    long ceilingNanos() {
        // initial * 2^attempts without overflow: stop doubling once past the cap.
        long ceiling = initialNanos;
        for (int i = 0; i < attempts && ceiling < maxNanos; i++) {
            ceiling = ceiling > maxNanos / 2 ? maxNanos : ceiling * 2;
        }
        return Math.min(ceiling, maxNanos);
    }

    /** The next delay; counts one attempt. */
    Duration next() {
        long delay = uniform.applyAsLong(ceilingNanos());
        attempts++;
        return Duration.ofNanos(delay);
    }

    /** Attempts since the last reset. */
    int attempts() {
        return attempts;
    }

    void reset() {
        attempts = 0;
    }
}
