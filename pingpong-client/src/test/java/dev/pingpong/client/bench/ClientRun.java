package dev.pingpong.client.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Our client jar as a process with {@code --json}: keeps its summary line, and the RTT of every pong that arrived
 * after {@code markNanos} (a pong line carries no time, so it is stamped as it is read; lines are flushed every
 * 100 ms, which is precise enough to tell a ramp from what follows it).
 */
final class ClientRun {

    private final BenchProcess process;
    private final List<Double> rttsAfterMark = new ArrayList<>();
    private final long markNanos;
    private volatile String summary;

    private ClientRun(Path root, Path logs, String name, String cpus, List<String> args, List<String> target,
                      long markNanos) throws java.io.IOException {
        this.markNanos = markNanos;
        List<String> command = new ArrayList<>(List.of("-jar", root.resolve("pingpong-client/target/pingpong-client.jar").toString()));
        command.addAll(args);
        command.addAll(target);
        this.process = BenchProcess.start(name, cpus, BenchProcess.java(List.of(), command.toArray(String[]::new)), logs,
                this::read);
    }

    static ClientRun start(Path root, Path logs, String name, String cpus, List<String> args, List<String> target,
                           long markNanos) throws java.io.IOException {
        return new ClientRun(root, logs, name, cpus, args, target, markNanos);
    }

    ClientResult await(Duration timeout) throws InterruptedException {
        int exit = process.await(timeout);
        if (summary == null) {
            throw new IllegalStateException("client exited " + exit + " without a summary");
        }
        return ClientResult.of(summary, exit, process.cpuNanos());
    }

    synchronized List<Double> rttsAfterMark() {
        return new ArrayList<>(rttsAfterMark);
    }

    private void read(String line) {
        if (line.startsWith("{\"type\":\"pong\"")) {
            if (System.nanoTime() - markNanos > 0) {
                synchronized (this) {
                    rttsAfterMark.add(ClientResult.number(line, "rtt_ms"));
                }
            }
        } else if (line.startsWith("{\"type\":\"summary\"")) {
            summary = line;
        }
    }
}
