package dev.pingpong.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server as its own process: output lines, exit status 2 on bad usage, SIGTERM drains and exits 0. */
class ServerProcessTest {

    private static final Duration START = Duration.ofSeconds(30);

    @Test
    void badFlagExitsTwoWithOneLineOnStderr() throws Exception {
        try (ServerProcesses server = ServerProcesses.start(Map.of(), "--health-port", "nope")) {
            assertEquals(2, server.awaitExit(START));
            String stderr = server.stderr();
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(stderr.contains("--health-port"), stderr);
        }
    }

    @Test
    void sigtermDrainsTheSessionAndExitsZero() throws Exception {
        int healthPort = TestServer.freeTcpPort();
        try (ServerProcesses server = ServerProcesses.start(Map.of("PINGPONG_DRAIN_TIMEOUT", "2s"),
                "--port", "0", "--health-port", Integer.toString(healthPort))) {
            // Without --host: one dual-stack socket on [::] (0.0.0.0 where IPv6 is off) that 127.0.0.1 reaches.
            Matcher listening = Pattern.compile("listening udp=(?:\\[::\\]|0\\.0\\.0\\.0):(\\d+) path=/pingpong")
                    .matcher(server.nextLine(START));
            assertTrue(listening.matches(), listening.toString());
            Matcher certificate = Pattern.compile("certificate sha256=([0-9a-f]{64})").matcher(server.nextLine(START));
            assertTrue(certificate.matches());

            URI url = URI.create("https://127.0.0.1:" + listening.group(1) + "/pingpong");
            try (TestClient client = new TestClient(certificate.group(1));
                 TestClient.TestSession session = client.connect(url)) {
                pingPong(session.openStream(), 1, 8);
                server.process.destroy();
                assertTrue(session.awaitDraining(), "WT_DRAIN_SESSION before exit");
                assertEquals(0, server.awaitExit(Duration.ofSeconds(20)), server.stderr());
            }
            String log = server.stderr();
            for (String step : new String[] {"shutdown: signal received", "shutdown: not ready",
                    "shutdown: draining 1 session", "shutdown: endpoint closed", "shutdown: complete"}) {
                assertTrue(log.contains(step), step + " in\n" + log);
            }
        }
    }
}
