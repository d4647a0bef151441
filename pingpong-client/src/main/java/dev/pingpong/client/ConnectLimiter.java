package dev.pingpong.client;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseNotifier;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * At most {@code limit} connect attempts at once; the others wait their turn. Load mode starts many sessions;
 * unbounded, their handshakes pile up on a small machine until each one times out. Waiting here does not count
 * against an attempt's own timeout, which starts when the attempt does. Since a connect never blocks, an attempt
 * starts on the thread that submits it or on the one that ended the attempt before it. Thread-safe.
 */
final class ConnectLimiter {

    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private final int limit;
    private int running;

    ConnectLimiter(int limit) {
        this.limit = limit;
    }

    /** Queues an attempt; {@code attempt} starts it. The returned future completes as the attempt's does. */
    <T> Future<T> submit(Supplier<Future<T>> attempt) {
        Promise<T> result = ImmediateEventExecutor.INSTANCE.newPromise();
        Runnable start = () -> {
            Future<T> started;
            try {
                started = attempt.get();
            } catch (RuntimeException e) {
                ended();
                result.tryFailure(e);
                return;
            }
            started.addListener(done -> ended());
            PromiseNotifier.cascade(started, result);
        };
        synchronized (this) {
            waiting.add(start);
        }
        startWhatFits();
        return result;
    }

    private void ended() {
        synchronized (this) {
            running--;
        }
        startWhatFits();
    }

    private void startWhatFits() {
        while (true) {
            Runnable next;
            synchronized (this) {
                if (running >= limit || waiting.isEmpty()) {
                    return;
                }
                running++;
                next = waiting.poll();
            }
            next.run();
        }
    }
}
