package dev.pingpong.server;

import dev.pingpong.app.CommandLineRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A server started in this JVM on loopback with free ports, plus what its standard output said. */
final class TestServer implements AutoCloseable {

    final PingPongServer server;
    final String output;
    final ServerOptions options;

    private TestServer(PingPongServer server, String output, ServerOptions options) {
        this.server = server;
        this.output = output;
        this.options = options;
    }

    /** Starts with {@code --host 127.0.0.1 --port 0 --health-port FREE} and then {@code args}. */
    static TestServer start(String... args) throws Exception {
        return start(Duration.ofSeconds(5), args);
    }

    static TestServer start(Duration certificateCheckInterval, String... args) throws Exception {
        return start("127.0.0.1", certificateCheckInterval, args);
    }

    /** Starts with {@code --host HOST --port 0 --health-port FREE} and then {@code args}. */
    static TestServer start(String host, Duration certificateCheckInterval, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--host", host, "--port", "0",
                "--health-port", Integer.toString(freeTcpPort())));
        all.addAll(List.of(args));
        ServerOptions options = new ServerOptions();
        CommandLineRunner.commandLine(options, Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .parseArgs(all.toArray(String[]::new));
        options.validate();
        options.certificateCheckInterval = certificateCheckInterval;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PingPongServer server = PingPongServer.start(options, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new TestServer(server, out.toString(StandardCharsets.UTF_8), options);
    }

    /** A TCP port free a moment ago (the health port must be known before the server starts, and 0 disables it). */
    static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI url() {
        return URI.create("https://127.0.0.1:" + server.udpAddresses().get(0).getPort() + options.path);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.healthPort() + path);
    }

    String sha256() {
        return server.certificateSha256();
    }

    @Override
    public void close() {
        server.close();
    }
}
