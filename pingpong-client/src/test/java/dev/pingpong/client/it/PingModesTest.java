package dev.pingpong.client.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against one real server process over loopback: both modes, several sessions, the summary. */
@Timeout(120)
class PingModesTest {

    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static RunningServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RunningServer.start(Path.of("target-logs", "PingModesTest-server.log").toAbsolutePath());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamModeAnswersEveryPing() throws Exception {
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "-c", "5", "-i", "20ms", "--cert-hash", server.sha256(), server.url());
        assertEquals(0, client.exitStatus(), client.err());
        List<String> lines = client.lines();
        for (int seq = 1; seq <= 5; seq++) {
            int s = seq;
            assertTrue(lines.stream().anyMatch(l -> l.matches("pong seq=" + s + " rtt=\\d+\\.\\d{3} ms")), lines.toString());
        }
        assertTrue(lines.contains("5 sent, 5 received, 0 lost (0.0% loss), 0 reconnects"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("rtt min/avg/p50/p99/max = [0-9./]+ ms")), lines.toString());
    }

    @Test
    void datagramModeAnswersEveryPing() throws Exception {
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "--mode", "datagram", "-c", "5", "-i", "20ms", "-s", "64",
                "--cert-hash", server.sha256(), server.url());
        assertEquals(0, client.exitStatus(), client.err());
        assertTrue(client.lines().contains("5 sent, 5 received, 0 lost (0.0% loss), 0 reconnects"), client.lines().toString());
    }
}
