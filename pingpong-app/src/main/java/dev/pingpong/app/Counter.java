package dev.pingpong.app;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count, cheap to bump from many threads. */
public final class Counter {

    private final LongAdder count = new LongAdder();

    public void increment() {
        count.increment();
    }

    public void add(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("a counter never goes down: " + amount);
        }
        count.add(amount);
    }

    public long get() {
        return count.sum();
    }
}
