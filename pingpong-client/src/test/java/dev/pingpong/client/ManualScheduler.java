package dev.pingpong.client;

import java.util.PriorityQueue;

/** A {@link LoopScheduler} whose clock moves only when a test says so; due timers run in order as it moves. */
final class ManualScheduler implements LoopScheduler {

    private record Timer(long dueNanos, long order, Runnable task) {
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private long now = 1_000_000_000L;
    private long order;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Runnable schedule(Runnable task, long delayNanos) {
        Timer timer = new Timer(now + Math.max(0, delayNanos), order++, task);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    /** Moves the clock forward by {@code millis}, running every timer that falls due on the way at its time. */
    void advanceMillis(long millis) {
        long until = now + millis * 1_000_000L;
        while (!timers.isEmpty() && timers.peek().dueNanos <= until) {
            Timer next = timers.poll();
            now = next.dueNanos;
            next.task.run();
        }
        now = until;
    }

    int pendingTimers() {
        return timers.size();
    }
}
