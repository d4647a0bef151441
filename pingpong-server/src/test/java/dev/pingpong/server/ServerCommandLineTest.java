package dev.pingpong.server;

import dev.pingpong.app.CommandLineRunner;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flags of interfaces section 3: defaults, environment fallback, usage errors. */
class ServerCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private ServerOptions parse(Map<String, String> env, String... args) {
        ServerOptions options = new ServerOptions();
        CommandLineRunner.commandLine(options, env, new PrintWriter(out), new PrintWriter(err)).parseArgs(args);
        options.validate();
        return options;
    }

    private int run(Map<String, String> env, String... args) {
        return CommandLineRunner.run(new ServerOptions(), args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void defaultsAreTheContracts() {
        ServerOptions options = parse(Map.of());
        assertNull(options.host);
        assertEquals(4433, options.port);
        assertEquals("/pingpong", options.path);
        assertNull(options.cert);
        assertNull(options.key);
        assertNull(options.clientCa);
        assertEquals(ClientAuth.NONE, options.clientAuth);
        assertNull(options.allowedOrigins);
        assertEquals(10000, options.maxSessions);
        assertEquals(8080, options.healthPort);
        assertEquals(false, options.mdns);
        assertEquals(Duration.ofSeconds(10), options.drainTimeout);
        assertNull(options.eventLoops);
    }

    @Test
    void everyFlagHasAnEnvironmentVariableAndTheFlagWins() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("PINGPONG_HOST", "127.0.0.1"), Map.entry("PINGPONG_PORT", "5000"),
                Map.entry("PINGPONG_PATH", "/pp"), Map.entry("PINGPONG_CERT", "/tls/tls.crt"),
                Map.entry("PINGPONG_KEY", "/tls/tls.key"), Map.entry("PINGPONG_CLIENT_CA", "/tls/ca.crt"),
                Map.entry("PINGPONG_CLIENT_AUTH", "require"), Map.entry("PINGPONG_ALLOWED_ORIGINS", "*"),
                Map.entry("PINGPONG_MAX_SESSIONS", "5"), Map.entry("PINGPONG_HEALTH_PORT", "9090"),
                Map.entry("PINGPONG_MDNS", "true"), Map.entry("PINGPONG_MDNS_INTERFACE", "127.0.0.1,::1"),
                Map.entry("PINGPONG_DRAIN_TIMEOUT", "1m30s"), Map.entry("PINGPONG_EVENT_LOOPS", "3"));
        ServerOptions options = parse(env);
        assertEquals("127.0.0.1", options.host);
        assertEquals(5000, options.port);
        assertEquals("/pp", options.path);
        assertEquals(Path.of("/tls/tls.crt"), options.cert);
        assertEquals(Path.of("/tls/tls.key"), options.key);
        assertEquals(Path.of("/tls/ca.crt"), options.clientCa);
        assertEquals(ClientAuth.REQUIRE, options.clientAuth);
        assertEquals("*", options.allowedOrigins);
        assertEquals(5, options.maxSessions);
        assertEquals(9090, options.healthPort);
        assertTrue(options.mdns);
        assertEquals(List.of("127.0.0.1", "::1"), options.mdnsInterfaces);
        assertEquals(Duration.ofSeconds(90), options.drainTimeout);
        assertEquals(3, options.eventLoops);

        ServerOptions flagged = parse(env, "--port", "6000", "--drain-timeout", "250ms", "--client-auth", "optional");
        assertEquals(6000, flagged.port);
        assertEquals(Duration.ofMillis(250), flagged.drainTimeout);
        assertEquals(ClientAuth.OPTIONAL, flagged.clientAuth);
    }

    @Test
    void badFlagsAndValuesExitTwoWithOneLine() {
        String[][] bad = {
            {"--bogus"}, {"--port", "http"}, {"--port", "70000"}, {"--drain-timeout", "10"},
            {"--client-auth", "maybe"}, {"--client-auth", "require"}, {"--cert", "/a.crt"},
            {"--path", "pingpong"}, {"--max-sessions", "0"}, {"--path", "/a\"b"}, {"--mdns-interface", "127.0.0.1,nosuchif0"},
            {"--event-loops", "0"},
        };
        for (String[] args : bad) {
            assertEquals(2, run(Map.of(), args), String.join(" ", args));
        }
        String[] lines = err.toString().split("\n");
        assertEquals(bad.length, lines.length, err.toString());
        for (String line : lines) {
            assertTrue(line.startsWith("pingpong-server: ") && line.endsWith("(see --help)"), line);
        }
    }

    @Test
    void unreadableTlsFilesAreAUsageError() {
        assertEquals(2, run(Map.of(), "--cert", "/nonexistent/tls.crt", "--key", "/nonexistent/tls.key",
                "--port", "0", "--health-port", "0"));
        assertEquals("pingpong-server: --cert: cannot read /nonexistent/tls.crt (see --help)\n", err.toString());
    }

    @Test
    void busyHealthPortExitsOne() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            String[] args = {"--host", "127.0.0.1", "--port", "0", "--health-port", Integer.toString(busy.getLocalPort())};
            assertEquals(1, run(Map.of(), args));
            assertTrue(err.toString().startsWith("pingpong-server: cannot bind: "), err.toString());
            assertEquals(1, err.toString().lines().count(), err.toString());
        }
    }

    @Test
    void helpListsEveryFlag() {
        assertEquals(0, run(Map.of(), "--help"));
        assertEquals(0, run(Map.of(), "--version"));
        assertTrue(out.toString().contains("pingpong-server 0.1.0"), out.toString());
        for (String flag : List.of("--host", "--port", "--path", "--cert", "--key", "--client-ca", "--client-auth",
                "--allowed-origins", "--max-sessions", "--health-port", "--mdns", "--mdns-interface", "--drain-timeout", "--event-loops")) {
            assertTrue(out.toString().contains(flag), flag + " in\n" + out);
        }
    }
}
