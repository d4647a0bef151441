package dev.pingpong.client;

import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ConnectLimiterTest {

    @Test
    void runsAtMostTheLimitAtOnceAndEveryAttemptInTurn() throws Exception {
        List<Promise<Void>> started = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        try (ConnectLimiter limiter = new ConnectLimiter(2)) {
            for (int i = 0; i < 5; i++) {
                limiter.submit(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Promise<Void> attempt = GlobalEventExecutor.INSTANCE.newPromise();
                    attempt.addListener(f -> running.decrementAndGet());
                    started.add(attempt);
                    return attempt;
                });
            }
            waitFor(() -> started.size() == 2);
            Thread.sleep(100);
            assertEquals(2, started.size(), "the third waits while two run");
            for (int finished = 0; finished < 5; finished++) {
                int index = finished;
                waitFor(() -> started.size() > index);
                started.get(index).setSuccess(null);
            }
            waitFor(() -> running.get() == 0);
            assertEquals(5, started.size());
            assertTrue(mostAtOnce.get() <= 2, "at most 2 at once, saw " + mostAtOnce.get());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(5);
        }
    }
}
