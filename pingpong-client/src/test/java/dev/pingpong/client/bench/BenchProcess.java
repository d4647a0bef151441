package dev.pingpong.client.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One process of a bench run, optionally pinned to CPUs with {@code taskset}: its stdout is handed line by line to
 * a consumer, its stderr goes to a log file, and its CPU time is sampled while it lives (a process that has exited
 * can no longer be asked, so the last sample stands for the whole run).
 */
final class BenchProcess implements AutoCloseable {

    private static final Duration CPU_SAMPLE_EVERY = Duration.ofMillis(20);

    private final String name;
    private final Process process;
    private final Thread reader;
    private final Thread cpuSampler;
    private volatile long cpuNanos;

    private BenchProcess(String name, Process process, Consumer<String> lines) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(() -> readLines(lines), name + "-stdout");
        this.cpuSampler = new Thread(this::sampleCpu, name + "-cpu");
        reader.setDaemon(true);
        cpuSampler.setDaemon(true);
        reader.start();
        cpuSampler.start();
    }

    /** Starts {@code command}, on {@code cpus} (a taskset list such as "0", or null for any CPU). */
    static BenchProcess start(String name, String cpus, List<String> command, Path logDirectory, Consumer<String> lines)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (cpus != null) {
            full.addAll(List.of("taskset", "-c", cpus));
        }
        full.addAll(command);
        Files.createDirectories(logDirectory);
        Process process = new ProcessBuilder(full)
                .redirectError(ProcessBuilder.Redirect.appendTo(logDirectory.resolve(name + ".log").toFile()))
                .start();
        return new BenchProcess(name, process, lines);
    }

    /** A java command line: this JVM's java, the options, then the rest. */
    static List<String> java(List<String> options, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of(rest));
        return command;
    }

    /** Runs a command in a child JVM from this classpath: {@code mainClass} with {@code args}. */
    static List<String> javaMain(Class<?> mainClass, String... args) {
        List<String> rest = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        rest.addAll(List.of(args));
        return java(List.of("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"), rest.toArray(String[]::new));
    }

    long pid() {
        return process.pid();
    }

    /** CPU time (user + system) of the process so far, or at its last sample before it ended. */
    long cpuNanos() {
        sampleOnce();
        return cpuNanos;
    }

    /** VmRSS in KiB, 0 once the process has ended. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            // The process ended.
        }
        return 0;
    }

    /** Waits for the process to end and for its output to be read; returns its exit status. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not end within " + timeout);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** Waits for the first line that {@code matches}, or fails after {@code timeout}. */
    static String awaitLine(CompletableFuture<String> line, String name, Duration timeout) throws Exception {
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " printed no start line within " + timeout);
        }
    }

    /** A line consumer that completes {@code first} with the first line matching {@code start}. */
    static Consumer<String> firstMatching(Predicate<String> start, CompletableFuture<String> first) {
        return line -> {
            if (!first.isDone() && start.test(line)) {
                first.complete(line);
            }
        };
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void readLines(Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.accept(line);
            }
        } catch (IOException closed) {
            // The process ended.
        }
    }

    private void sampleCpu() {
        while (process.isAlive()) {
            sampleOnce();
            try {
                Thread.sleep(CPU_SAMPLE_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        process.toHandle().info().totalCpuDuration().ifPresent(cpu -> cpuNanos = Math.max(cpuNanos, cpu.toNanos()));
    }
}
