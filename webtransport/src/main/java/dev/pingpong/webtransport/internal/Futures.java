package dev.pingpong.webtransport.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Joining futures from any thread (Netty's PromiseCombiner wants to run on an event loop). */
public final class Futures {

    private Futures() {
    }

    /** Completes once every future is done, successful or not. */
    public static Future<Void> allDone(Collection<? extends Future<?>> futures) {
        Promise<Void> all = GlobalEventExecutor.INSTANCE.newPromise();
        if (futures.isEmpty()) {
            return all.setSuccess(null);
        }
        AtomicInteger pending = new AtomicInteger(futures.size());
        for (Future<?> future : futures) {
            future.addListener(f -> {
                if (pending.decrementAndGet() == 0) {
                    all.trySuccess(null);
                }
            });
        }
        return all;
    }

    /**
     * Waits up to {@code millis} for {@code future}, except on a thread of {@code group}: there the wait would stall
     * the event loop that has to complete it (Netty even throws when it is the future's own loop), so a close
     * called from a listener callback returns at once and the closing goes on in the background.
     */
    public static void awaitUnlessOn(EventExecutorGroup group, Future<?> future, long millis) {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return;
            }
        }
        future.awaitUninterruptibly(millis, TimeUnit.MILLISECONDS);
    }
}
