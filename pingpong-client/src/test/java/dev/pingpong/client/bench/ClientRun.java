package dev.pingpong.client.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our client jar as a process with {@code --json}: keeps its summary line and, when asked to, every pong (a pong
 * line carries no time, so it is stamped as it is read; lines are flushed every 100 ms, which is precise enough to
 * tell a ramp from what follows it).
 */
final class ClientRun {

    /** A pong as it was read: when, of which session, and its RTT. */
    private record Pong(long readNanos, int session, double rttMs) {
    }

    private final BenchProcess process;
    private final boolean keepPongs;
    private final List<Pong> pongs = new ArrayList<>();
    private volatile String summary;

    private ClientRun(Path root, Path logs, String name, String cpus, List<String> args, List<String> target,
                      boolean keepPongs) throws java.io.IOException {
        this.keepPongs = keepPongs;
        List<String> command = new ArrayList<>(List.of("-jar", root.resolve("pingpong-client/target/pingpong-client.jar").toString()));
        command.addAll(args);
        command.addAll(target);
        this.process = BenchProcess.start(name, cpus, BenchProcess.java(List.of(), command.toArray(String[]::new)), logs,
                this::read);
    }

    /** Starts the client; {@code keepPongs} keeps every pong line's figures (the run needs {@code --json} without -q). */
    static ClientRun start(Path root, Path logs, String name, String cpus, List<String> args, List<String> target,
                           boolean keepPongs) throws java.io.IOException {
        return new ClientRun(root, logs, name, cpus, args, target, keepPongs);
    }

    ClientResult await(Duration timeout) throws InterruptedException {
        int exit = process.await(timeout);
        if (summary == null) {
            throw new IllegalStateException("client exited " + exit + " without a summary");
        }
        return ClientResult.of(summary, exit, process.cpuNanos());
    }

    /**
     * When the ramp ended: the moment the last of the client's {@code sessions} first answered, in
     * {@link System#nanoTime()} terms, or {@link Long#MAX_VALUE} if one never did. Until then handshakes share the
     * server with pings; after it every session of this client is pinging.
     */
    synchronized long rampEndNanos(int sessions) {
        Map<Integer, Long> firstAnswer = new HashMap<>();
        for (Pong pong : pongs) {
            firstAnswer.putIfAbsent(pong.session(), pong.readNanos());
        }
        return firstAnswer.size() < sessions ? Long.MAX_VALUE
                : firstAnswer.values().stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
    }

    /** The RTTs of the pongs read after {@code nanos}. */
    synchronized List<Double> rttsAfter(long nanos) {
        return pongs.stream().filter(p -> p.readNanos() - nanos > 0).map(Pong::rttMs).toList();
    }

    private void read(String line) {
        if (line.startsWith("{\"type\":\"pong\"")) {
            if (keepPongs) {
                Pong pong = new Pong(System.nanoTime(), (int) ClientResult.number(line, "session"),
                        ClientResult.number(line, "rtt_ms"));
                synchronized (this) {
                    pongs.add(pong);
                }
            }
        } else if (line.startsWith("{\"type\":\"summary\"")) {
            summary = line;
        }
    }
}
