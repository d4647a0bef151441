package dev.pingpong.client.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Server and client both on {@code --mdns-interface 127.0.0.1}: the client finds the server and pins its advertised hash. */
@Timeout(120)
class MdnsDiscoveryTest {

    @Test
    void clientFindsTheServerAndItsHashOverMdns() throws Exception {
        try (RunningServer server = RunningServer.start(Path.of("target-logs", "MdnsDiscoveryTest.log").toAbsolutePath(),
                "--mdns", "--mdns-interface", "127.0.0.1")) {
            // No URL, no trust flag: the path comes from TXT path=, the trust from TXT sha256=.
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            ClientRunner client;
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            try {
                client = ClientRunner.run(Duration.ofSeconds(60), "--discover", "mdns", "--mdns-interface", "127.0.0.1",
                        "--connect-timeout", "20s", "-c", "2", "-i", "20ms");
            } finally {
                System.setErr(stderr);
            }
            assertEquals(0, client.exitStatus(), client.err());
            assertTrue(client.lines().contains("--- " + server.url() + " ping statistics ---"), client.lines().toString());
            // The browser once re-asked for TXT on every resolution, spinning jmdns until close, which then
            // logged rejected tasks with stack traces.
            String logged = logs.toString(StandardCharsets.UTF_8);
            assertFalse(logged.contains("Exception"), logged);
        }
    }
}
