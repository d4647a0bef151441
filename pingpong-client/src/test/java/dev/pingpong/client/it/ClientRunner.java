package dev.pingpong.client.it;

import dev.pingpong.client.Main;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs the client in-process through {@link Main#run}, on its own thread, capturing its standard output by line. */
final class ClientRunner {

    private final Lines out = new Lines();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();

    static ClientRunner start(Map<String, String> env, String... args) {
        ClientRunner runner = new ClientRunner();
        Thread thread = new Thread(() -> {
            try {
                runner.status.complete(Main.run(args, env, new PrintStream(runner.out, true, StandardCharsets.UTF_8),
                        new PrintStream(runner.err, true, StandardCharsets.UTF_8)));
            } catch (Throwable t) {
                runner.status.completeExceptionally(t);
            }
        }, "client-under-test");
        thread.setDaemon(true);
        thread.start();
        return runner;
    }

    static ClientRunner start(String... args) {
        return start(Map.of(), args);
    }

    /** Runs to the end and returns the exit status. */
    static ClientRunner run(Duration limit, String... args) throws Exception {
        ClientRunner runner = start(args);
        runner.await(limit);
        return runner;
    }

    int await(Duration limit) throws Exception {
        return status.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitStatus() {
        return status.getNow(-1);
    }

    List<String> lines() {
        return out.snapshot();
    }

    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until some output line matches. */
    String awaitLine(Predicate<String> matches, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines()) {
                if (matches.test(line)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching line within " + limit + "; output so far: " + lines() + "; err: " + err());
    }

    /** Waits until {@code count} lines match. */
    void awaitCount(Predicate<String> matches, int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines().stream().filter(matches).count() >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(count + " matching lines not seen within " + limit + "; output: " + lines() + "; err: " + err());
    }

    /** An output stream that keeps complete lines, safe to read while written. */
    private static final class Lines extends OutputStream {
        private final List<String> lines = new ArrayList<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        synchronized List<String> snapshot() {
            return new ArrayList<>(lines);
        }
    }
}
