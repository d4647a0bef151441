package dev.pingpong.client.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our server jar as a process on 127.0.0.1, on {@code --event-loops loops}, with the JVM options the README runs it
 * with; its start lines give port and hash.
 */
final class PingServer implements AutoCloseable {

    /** As README.md, docs/reference.md and scripts/run-demo.sh run the server. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx160m");

    private static final Pattern LISTENING = Pattern.compile("listening udp=\\S+:(\\d+) path=(\\S+)");
    private static final Pattern CERTIFICATE = Pattern.compile("certificate sha256=([0-9a-f]{64})");

    private final BenchProcess process;
    private final String url;
    private final String sha256;

    private PingServer(BenchProcess process, String url, String sha256) {
        this.process = process;
        this.url = url;
        this.sha256 = sha256;
    }

    static PingServer start(Path root, Path logs, String name, String cpus, int loops) throws Exception {
        CompletableFuture<String> listening = new CompletableFuture<>();
        CompletableFuture<String> certificate = new CompletableFuture<>();
        Consumer<String> lines = BenchProcess.firstMatching(l -> LISTENING.matcher(l).find(), listening)
                .andThen(BenchProcess.firstMatching(l -> CERTIFICATE.matcher(l).find(), certificate));
        BenchProcess process = BenchProcess.start(name, cpus, BenchProcess.java(JVM_OPTIONS, "-jar",
                root.resolve("pingpong-server/target/pingpong-server.jar").toString(), "--host", "127.0.0.1",
                "--port", "0", "--health-port", "0", "--event-loops", String.valueOf(loops)), logs, lines);
        Matcher address = LISTENING.matcher(BenchProcess.awaitLine(listening, name, Duration.ofSeconds(30)));
        Matcher hash = CERTIFICATE.matcher(BenchProcess.awaitLine(certificate, name, Duration.ofSeconds(30)));
        if (!address.find() || !hash.find()) {
            throw new IllegalStateException(name + " printed no address or hash");
        }
        return new PingServer(process, "https://127.0.0.1:" + address.group(1) + address.group(2), hash.group(1));
    }

    BenchProcess process() {
        return process;
    }

    String url() {
        return url;
    }

    /** The client arguments that reach this server: the pinned hash and the URL. */
    List<String> target() {
        return List.of("--cert-hash", sha256, url);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
