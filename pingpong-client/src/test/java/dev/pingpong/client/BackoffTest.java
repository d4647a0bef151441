package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void ceilingDoublesUpToTheCap() {
        List<Long> bounds = new ArrayList<>();
        Backoff backoff = new Backoff(INITIAL, MAX, bound -> {
            bounds.add(bound);
            return bound;
        });
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 10_000L, 10_000L),
                bounds.stream().map(n -> n / 1_000_000).toList());
    }

    @Test
    void fullJitterStaysWithinZeroAndTheCeiling() {
        Backoff backoff = Backoff.withRandomJitter(INITIAL, MAX);
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long ceiling = backoff.ceilingNanos();
            long delay = backoff.next().toNanos();
            assertTrue(delay >= 0 && delay <= ceiling, "delay " + delay + " ceiling " + ceiling);
            lowest = Math.min(lowest, delay);
            if (i % 20 == 19) {
                backoff.reset();
            }
        }
        // Full jitter, not "equal jitter": delays near zero occur.
        assertTrue(lowest < INITIAL.toNanos() / 10, "lowest " + lowest);
    }

    @Test
    void resetStartsOver() {
        Backoff backoff = new Backoff(INITIAL, MAX, bound -> bound);
        backoff.next();
        backoff.next();
        assertEquals(2, backoff.attempts());
        assertEquals(400, backoff.ceilingNanos() / 1_000_000);
        backoff.reset();
        assertEquals(0, backoff.attempts());
        assertEquals(INITIAL, backoff.next());
    }

    @Test
    void manyAttemptsNeitherOverflowNorExceedTheCap() {
        Backoff backoff = new Backoff(INITIAL, MAX, bound -> bound);
        for (int i = 0; i < 500; i++) {
            backoff.next();
        }
        assertEquals(MAX, backoff.next());
    }

    @Test
    void refusesAMaxBelowInitial() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, INITIAL, bound -> bound));
    }
}
