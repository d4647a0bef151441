package dev.pingpong.client;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectLimiterTest {

    private final List<Promise<String>> started = new ArrayList<>();

    private Future<String> attempt() {
        Promise<String> attempt = ImmediateEventExecutor.INSTANCE.newPromise();
        started.add(attempt);
        return attempt;
    }

    @Test
    void runsAtMostTheLimitAtOnceAndEveryAttemptInTurn() {
        ConnectLimiter limiter = new ConnectLimiter(2);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(limiter.submit(this::attempt));
        }
        assertEquals(2, started.size(), "the third waits while two run");
        started.get(1).setFailure(new IllegalStateException("refused"));
        assertEquals(3, started.size(), "an attempt that ended makes room for the next");
        started.get(0).setSuccess("first");
        started.get(2).setSuccess("third");
        assertEquals(5, started.size());
        assertFalse(results.get(4).isDone());
        started.get(3).setSuccess("fourth");
        started.get(4).setSuccess("fifth");
        assertEquals("first", results.get(0).getNow());
        assertInstanceOf(IllegalStateException.class, results.get(1).cause());
        assertEquals("fifth", results.get(4).getNow());
    }

    @Test
    void anAttemptThatThrowsFailsItsFutureAndFreesItsPlace() {
        ConnectLimiter limiter = new ConnectLimiter(1);
        Future<String> thrown = limiter.submit(() -> {
            throw new IllegalArgumentException("bad uri");
        });
        assertInstanceOf(IllegalArgumentException.class, thrown.cause());
        Future<String> next = limiter.submit(this::attempt);
        assertEquals(1, started.size());
        started.get(0).setSuccess("ok");
        assertTrue(next.isSuccess());
    }
}
