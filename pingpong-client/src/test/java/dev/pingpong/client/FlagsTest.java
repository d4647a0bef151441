package dev.pingpong.client;

import dev.pingpong.client.discovery.DiscoveryMethod;
import dev.pingpong.client.discovery.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flags, their environment fallbacks and bad usage, through the real command line (nothing is connected). */
class FlagsTest {

    private final ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBuffer, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBuffer, true, StandardCharsets.UTF_8);

    /** Parses without running. */
    private Main parse(Map<String, String> env, String... args) {
        Main main = new Main(env, out, err);
        CommandLine line = dev.pingpong.app.CommandLineRunner.commandLine(main, env, new PrintWriter(out), new PrintWriter(err));
        line.parseArgs(args);
        return main;
    }

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, out, err);
    }

    private String err() {
        return errBuffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Main main = parse(Map.of());
        assertEquals(null, main.count);
        assertEquals(Duration.ofSeconds(1), main.interval);
        assertEquals(1, main.window);
        assertEquals(1, main.sessions);
        assertEquals(PingMode.STREAM, main.mode);
        assertEquals(0, main.payloadSize);
        assertEquals(Duration.ofSeconds(5), main.timeout);
        assertEquals(Duration.ofSeconds(30), main.connectTimeout);
        assertEquals(Duration.ofMillis(100), main.backoffInitial);
        assertEquals(Duration.ofSeconds(10), main.backoffMax);
        assertEquals(0, main.healthPort);
        assertEquals(false, main.json);
        assertEquals(false, main.insecure);
        assertEquals(500, main.connectRate);
        assertEquals(null, main.eventLoops);
    }

    @Test
    void loadFlagsComeFromFlagsOrEnvironment() {
        Main main = parse(Map.of("PINGPONG_CONNECT_RATE", "2000", "PINGPONG_EVENT_LOOPS", "4"), "--event-loops", "2");
        assertEquals(2000, main.connectRate);
        assertEquals(2, main.eventLoops);
    }

    @Test
    void shortAndLongFlagsAndGoDurations() {
        Main main = parse(Map.of(), "-c", "5", "-i", "250ms", "-w", "64", "-s", "100", "--mode", "datagram",
                "--timeout", "1m30s", "--sessions", "3", "--json", "https://h:1/p");
        assertEquals(5L, main.count);
        assertEquals(Duration.ofMillis(250), main.interval);
        assertEquals(64, main.window);
        assertEquals(100, main.payloadSize);
        assertEquals(PingMode.DATAGRAM, main.mode);
        assertEquals(Duration.ofSeconds(90), main.timeout);
        assertEquals(3, main.sessions);
        assertTrue(main.json);
        assertEquals("https://h:1/p", main.url);
    }

    @Test
    void durationsAreGosWholeGrammarAndANegativeIntervalIsRefused() {
        assertEquals(Duration.ofMillis(500), parse(Map.of(), "-i", ".5s").interval);
        assertEquals(Duration.ofSeconds(1), parse(Map.of(), "-i", "1.s").interval);
        assertEquals(Duration.ofMillis(5_400_500), parse(Map.of(), "--timeout", "1h30m0.5s").timeout);
        assertEquals(Duration.ofMillis(1), parse(Map.of("PINGPONG_INTERVAL", "1000\u00b5s")).interval);
        assertEquals(2, run(Map.of(), "--interval=-1s", "https://h:1/p"));
        assertTrue(err().contains("--interval must not be negative"), err());
    }

    @Test
    void environmentFillsFlagsAndTheFlagWins() {
        Map<String, String> env = Map.of("PINGPONG_INTERVAL", "0", "PINGPONG_COUNT", "7", "PINGPONG_HEALTH_PORT", "9090",
                "PINGPONG_INSECURE", "true", "PINGPONG_MODE", "datagram");
        Main main = parse(env, "-c", "3");
        assertEquals(Duration.ZERO, main.interval);
        assertEquals(3L, main.count);
        assertEquals(9090, main.healthPort);
        assertTrue(main.insecure);
        assertEquals(PingMode.DATAGRAM, main.mode);
    }

    @Test
    void badFlagOrValueExitsTwoWithOneLine() {
        assertEquals(2, run(Map.of(), "--no-such-flag"));
        assertEquals(2, run(Map.of(), "-i", "fast"));
        assertEquals(2, run(Map.of(), "--mode", "carrier-pigeon"));
        assertEquals(2, run(Map.of(), "-w", "0", "https://h:1/p"));
        assertEquals(2, run(Map.of(), "-c", "0", "https://h:1/p"));
        assertEquals(2, run(Map.of(), "-s", "70000", "https://h:1/p"));
        assertEquals(2, run(Map.of(), "--insecure", "--cert-hash", "00", "https://h:1/p"));
        assertEquals(2, run(Map.of(), "--cert", "/tmp/c.pem", "https://h:1/p"));
        assertEquals(2, run(Map.of(), "--cert-hash", "xyz", "https://h:1/p"));
        assertEquals(2, run(Map.of(), "http://h:1/p"));
        assertEquals(2, run(Map.of(), "--discover", "carrier-pigeon"));
        assertEquals(2, run(Map.of(), "--dns-server", "127.0.0.1", "--discover", "dns:x.test"));
        assertEquals(2, run(Map.of("PINGPONG_SERVER_URL", "ftp://h/p")));
        assertEquals(2, run(Map.of("PINGPONG_TIMEOUT", "soon"), "https://h:1/p"));
        assertEquals(2, run(Map.of(), "--ca", "/nonexistent/ca.crt", "https://h:1/p"));
        assertEquals(2, run(Map.of("PINGPONG_CERT", "/nonexistent/tls.crt", "PINGPONG_KEY", "/nonexistent/tls.key"),
                "https://h:1/p"));
        assertEquals(2, run(Map.of(), "--connect-rate", "0", "https://h:1/p"));
        assertEquals(2, run(Map.of(), "--event-loops", "0", "https://h:1/p"));
        String[] lines = err().split("\n");
        assertEquals(18, lines.length, err());
        for (String line : lines) {
            assertTrue(line.startsWith("pingpong-client: "), line);
        }
        assertTrue(lines[0].contains("--no-such-flag"), lines[0]);
        assertTrue(lines[14].contains("--ca: cannot read /nonexistent/ca.crt"), lines[14]);
    }

    @Test
    void aCaFileWithoutCertificatesExitsTwo(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.crt"), "not a certificate\n");
        assertEquals(2, run(Map.of(), "--ca", ca.toString(), "--connect-timeout", "1s", "https://127.0.0.1:9/pingpong"));
        assertTrue(err().startsWith("pingpong-client: cannot set up TLS: "), err());
    }

    @Test
    void versionNamesTheProgram() {
        assertEquals(0, run(Map.of(), "--version"));
        assertTrue(outBuffer.toString(StandardCharsets.UTF_8).startsWith("pingpong-client "), outBuffer.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run(Map.of(), "--help"));
        String help = outBuffer.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--discover", "--count", "--interval", "--window", "--sessions", "--mode",
                "--payload-size", "--timeout", "--ca", "--cert-hash", "--insecure", "--cert", "--key", "--json",
                "--health-port", "--connect-timeout", "--backoff-initial", "--backoff-max", "--connect-rate", "--event-loops"}) {
            assertTrue(help.contains(flag), flag);
        }
    }

    @Test
    void serverIsTakenFromArgumentThenEnvironmentThenDiscovery() {
        ServerLocator.Plan fromArgument = ServerLocator.plan("https://a:1/x", "https://b:2/y", "dns:c.test");
        assertEquals("https://a:1/x", ((ServerLocator.Fixed) fromArgument).target().uri().toString());
        ServerLocator.Plan fromEnvironment = ServerLocator.plan(null, "https://b:2/y", "dns:c.test");
        assertEquals("https://b:2/y", ((ServerLocator.Fixed) fromEnvironment).target().uri().toString());
        assertEquals("PINGPONG_SERVER_URL", ((ServerLocator.Fixed) fromEnvironment).target().source());
        ServerLocator.Plan fromDiscovery = ServerLocator.plan(null, null, "dns:c.test");
        assertEquals(new DiscoveryMethod.Dns("c.test"), ((ServerLocator.Discover) fromDiscovery).method());
        ServerLocator.Plan byDefault = ServerLocator.plan("", " ", null);
        assertInstanceOf(DiscoveryMethod.Mdns.class, ((ServerLocator.Discover) byDefault).method());
    }
}
