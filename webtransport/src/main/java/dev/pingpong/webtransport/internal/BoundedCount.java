package dev.pingpong.webtransport.internal;

import java.util.concurrent.atomic.AtomicLong;

/** A count held below a bound: amounts are taken while they fit and given back later. Safe across threads. */
final class BoundedCount {

    private final AtomicLong value = new AtomicLong();

    /** Adds {@code amount} unless the count would pass {@code max}; a negative amount always fits. */
    boolean tryAdd(long amount, long max) {
        while (true) {
            long current = value.get();
            long next = current + amount;
            if (amount > 0 && next > max) {
                return false;
            }
            if (value.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    void subtract(long amount) {
        value.addAndGet(-amount);
    }

    long get() {
        return value.get();
    }
}
