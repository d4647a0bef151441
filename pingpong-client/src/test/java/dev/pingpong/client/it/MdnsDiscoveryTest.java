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

/**
 * Servers and client all on {@code --mdns-interface 127.0.0.1}. Two servers advertise (other builds on this
 * machine may too), so the test says which one it means by pinning its hash; without a pin the client must
 * still reach one through the hash it advertises. That unpinned step takes whatever answers first, so a
 * concurrent build whose server dies mid-advertisement can still disturb it; CI runs one build.
 */
@Timeout(120)
class MdnsDiscoveryTest {

    private static final Path LOGS = Path.of("target-logs").toAbsolutePath();

    @Test
    void clientFindsTheServerOverMdnsAndTrustsItsAdvertisedHash() throws Exception {
        try (RunningServer wanted = RunningServer.start(LOGS.resolve("MdnsDiscoveryTest-wanted.log"),
                "--mdns", "--mdns-interface", "127.0.0.1");
             RunningServer other = RunningServer.start(LOGS.resolve("MdnsDiscoveryTest-other.log"),
                     "--mdns", "--mdns-interface", "127.0.0.1")) {
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            ClientRunner pinned;
            ClientRunner unpinned;
            System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
            try {
                pinned = discover("--cert-hash", wanted.sha256());
                // No URL, no trust flag: the path comes from TXT path=, the trust from TXT sha256=.
                unpinned = discover();
            } finally {
                System.setErr(stderr);
            }
            assertEquals(0, pinned.exitStatus(), pinned.err());
            assertTrue(pinned.lines().contains("--- " + wanted.url() + " ping statistics ---"),
                    "the pinned server, not " + other.url() + ": " + pinned.lines());

            assertEquals(0, unpinned.exitStatus(), unpinned.err());
            assertTrue(unpinned.lines().stream().anyMatch(l -> l.matches("--- https://127\\.0\\.0\\.1:\\d+/pingpong ping statistics ---")),
                    unpinned.lines().toString());
            // The browser once re-asked for TXT on every resolution, spinning jmdns until close, which then
            // logged rejected tasks with stack traces.
            String logged = logs.toString(StandardCharsets.UTF_8);
            assertFalse(logged.contains("Exception"), logged);
        }
    }

    private static ClientRunner discover(String... trust) throws Exception {
        String[] common = {"--discover", "mdns", "--mdns-interface", "127.0.0.1", "--connect-timeout", "20s", "-c", "2", "-i", "20ms"};
        String[] args = new String[common.length + trust.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(trust, 0, args, common.length, trust.length);
        return ClientRunner.run(Duration.ofSeconds(60), args);
    }
}
