package dev.pingpong.client;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The clock, timers and thread of one session loop: its event loop when running, a hand-driven clock in unit
 * tests. Everything a loop does runs through {@link #execute}, so its state needs no locks.
 */
interface LoopScheduler {

    /** Now, in {@link System#nanoTime()} terms. */
    long nanoTime();

    /** Runs {@code task} on the loop's thread after {@code delayNanos}; the returned handle cancels it. */
    Runnable schedule(Runnable task, long delayNanos);

    /** Runs {@code task} on the loop's thread: at once when called there, else queued. */
    void execute(Runnable task);

    static LoopScheduler on(EventLoop loop) {
        return new LoopScheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Runnable schedule(Runnable task, long delayNanos) {
                ScheduledFuture<?> timer = loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                return () -> timer.cancel(false);
            }

            @Override
            public void execute(Runnable task) {
                if (loop.inEventLoop()) {
                    task.run();
                } else {
                    loop.execute(task);
                }
            }
        };
    }
}
