package dev.pingpong.client.it;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a separate process ({@code dev.pingpong.server.Main} from the test classpath), bound to
 * 127.0.0.1 only. Its {@code listening} and {@code certificate} lines give the port and the hash to pin.
 */
final class RunningServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening udp=([^ ]+):(\\d+) path=(\\S+)");
    private static final Pattern CERTIFICATE = Pattern.compile("certificate sha256=([0-9a-f]{64})");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final String sha256;
    private final String path;
    private final long startedNanos;

    private RunningServer(Process process, int port, String sha256, String path) {
        this.process = process;
        this.port = port;
        this.sha256 = sha256;
        this.path = path;
        this.startedNanos = System.nanoTime();
    }

    /** Starts with {@code --host 127.0.0.1 --health-port 0} (and {@code --port 0} unless given) plus {@code args}; logs go to {@code log}. */
    static RunningServer start(Path log, String... args) throws IOException, InterruptedException {
        return start(List.of("-Xmx256m"), log, args);
    }

    /** As {@link #start(Path, String...)}, with these JVM options. */
    static RunningServer start(List<String> jvmOptions, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.pingpong.server.Main",
                "--host", "127.0.0.1", "--health-port", "0"));
        if (!List.of(args).contains("--port")) {
            command.addAll(List.of("--port", "0"));
        }
        command.addAll(List.of(args));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        CompletableFuture<RunningServer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, ready), "server-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not start (see " + log + "): " + e, e);
        }
    }

    private static void readStdout(Process process, CompletableFuture<RunningServer> ready) {
        int port = -1;
        String path = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher listening = LISTENING.matcher(line);
                Matcher certificate = CERTIFICATE.matcher(line);
                if (listening.find() && port < 0) {
                    port = Integer.parseInt(listening.group(2));
                    path = listening.group(3);
                } else if (certificate.find() && port > 0) {
                    ready.complete(new RunningServer(process, port, certificate.group(1), path));
                }
            }
            ready.completeExceptionally(new IllegalStateException("server ended with status " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    int port() {
        return port;
    }

    String sha256() {
        return sha256;
    }

    String url() {
        return "https://127.0.0.1:" + port + path;
    }

    long pid() {
        return process.pid();
    }

    long startedNanos() {
        return startedNanos;
    }

    /** SIGKILL: no drain, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the server drains its sessions and exits; returns its exit status. */
    int terminate(Duration wait) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("server did not exit within " + wait + " after SIGTERM");
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
