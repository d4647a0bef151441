package dev.pingpong.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The counts of the whole run: one {@link PingStats} per event loop, each written by its own loop's sessions only
 * (so the loops never wait on each other's lock), added up when a summary, a scrape or a readiness check asks.
 */
final class PingTotals {

    private final List<PingStats> loops = new ArrayList<>();

    PingTotals(int eventLoops) {
        this(eventLoops, System::nanoTime);
    }

    PingTotals(int eventLoops, LongSupplier clock) {
        for (int i = 0; i < eventLoops; i++) {
            loops.add(new PingStats(clock));
        }
    }

    /** What the sessions of event loop {@code index} count into. */
    PingStats loop(int index) {
        return loops.get(index);
    }

    Summary summary() {
        PingStats total = new PingStats();
        loops.forEach(loop -> loop.addTo(total));
        return total.summary();
    }

    /** True when a pong arrived on any loop within {@code windowNanos} before {@code nowNanos}. */
    boolean pongWithin(long windowNanos, long nowNanos) {
        return loops.stream().anyMatch(loop -> loop.pongWithin(windowNanos, nowNanos));
    }
}
