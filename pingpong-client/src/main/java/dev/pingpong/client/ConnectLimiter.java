package dev.pingpong.client;

import io.netty.util.concurrent.Future;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs connect attempts off the event loops (a connect may block on a socket bind or a name lookup), at most
 * {@code limit} at once. Load mode starts many sessions; unbounded, their handshakes pile up on a small machine
 * until each one times out. Waiting here does not count against an attempt's own timeout, which starts when
 * the attempt does. All state is confined to the one connector thread.
 */
final class ConnectLimiter implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread connector = new Thread(runnable, "pingpong-connector");
        connector.setDaemon(true);
        return connector;
    });
    private final ArrayDeque<Supplier<? extends Future<?>>> waiting = new ArrayDeque<>();
    private final int limit;
    private int running;

    ConnectLimiter(int limit) {
        this.limit = limit;
    }

    /** Queues an attempt; {@code attempt} starts it and returns the future that says when it is over. */
    void submit(Supplier<? extends Future<?>> attempt) {
        thread.execute(() -> {
            waiting.add(attempt);
            startWhatFits();
        });
    }

    private void startWhatFits() {
        while (running < limit && !waiting.isEmpty()) {
            running++;
            Future<?> attempt;
            try {
                attempt = waiting.poll().get();
            } catch (RuntimeException e) {
                running--;
                throw e;
            }
            attempt.addListener(done -> thread.execute(() -> {
                running--;
                startWhatFits();
            }));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
