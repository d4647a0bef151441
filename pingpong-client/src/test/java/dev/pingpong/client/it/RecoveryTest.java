package dev.pingpong.client.it;

import dev.pingpong.certs.Certificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client under a server that dies (SIGKILL) or drains (SIGTERM) and comes back on the same port with the
 * same certificate: every seq ends in exactly one pong or lost record, and pinging resumes.
 */
@Timeout(180)
class RecoveryTest {

    private static final Path LOGS = Path.of("target-logs").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void serverKilledAndRestartedUnderARunningClient() throws Exception {
        PemFiles pem = PemFiles.write(Certificates.selfSigned(), dir, "server");
        RunningServer first = RunningServer.start(LOGS.resolve("RecoveryTest-kill-1.log"), "--cert", pem.cert().toString(),
                "--key", pem.key().toString());
        int count = 120;
        ClientRunner client = ClientRunner.start("--json", "-c", String.valueOf(count), "-i", "50ms", "--timeout", "1s",
                "--backoff-initial", "50ms", "--backoff-max", "500ms", "--cert-hash", first.sha256(), first.url());
        client.awaitCount(l -> l.contains("\"type\":\"pong\""), 10, Duration.ofSeconds(60));
        first.kill();
        long killedNanos = System.nanoTime();
        int pongsBeforeKill = JsonLines.ofType(client.lines(), "pong").size();
        Thread.sleep(1_500);
        try (RunningServer second = RunningServer.start(LOGS.resolve("RecoveryTest-kill-2.log"), "--port",
                String.valueOf(first.port()), "--cert", pem.cert().toString(), "--key", pem.key().toString())) {
            long restartedNanos = System.nanoTime();
            client.awaitCount(l -> l.contains("\"type\":\"pong\""), pongsBeforeKill + 1, Duration.ofSeconds(60));
            long resumedNanos = System.nanoTime();
            System.out.printf("SIGKILL recovery: first pong %d ms after the kill, %d ms after the restarted server printed its lines%n",
                    (resumedNanos - killedNanos) / 1_000_000, (resumedNanos - restartedNanos) / 1_000_000);
            int status = client.await(Duration.ofSeconds(90));
            List<String> lines = client.lines();
            Map<String, String> summary = Settlement.assertEverySeqSettledOnce(lines, count);
            assertTrue(JsonLines.number(summary, "reconnects") >= 1, summary.toString());
            assertTrue(JsonLines.number(summary, "lost") >= 1, "pings in flight at the kill are lost: " + summary);
            assertEquals(1, status, "some pings were lost, so the status is 1; err: " + client.err());
            long lastSeq = JsonLines.ofType(lines, "pong").stream().mapToLong(p -> JsonLines.number(p, "seq")).max().orElse(0);
            assertEquals(count, lastSeq, "pinging resumed after the restart up to the last seq");
            assertTrue(JsonLines.ofType(lines, "reconnect").size() >= 1, "a reconnect record was printed");
        }
    }

    @Test
    void drainingServerHandsTheClientOverWithoutLoss() throws Exception {
        PemFiles pem = PemFiles.write(Certificates.selfSigned(), dir, "server");
        RunningServer first = RunningServer.start(LOGS.resolve("RecoveryTest-drain-1.log"), "--cert", pem.cert().toString(),
                "--key", pem.key().toString(), "--drain-timeout", "5s");
        int count = 80;
        ClientRunner client = ClientRunner.start("--json", "-c", String.valueOf(count), "-i", "40ms", "-w", "4",
                "--timeout", "3s", "--backoff-initial", "50ms", "--backoff-max", "300ms", "--cert-hash", first.sha256(), first.url());
        client.awaitCount(l -> l.contains("\"type\":\"pong\""), 10, Duration.ofSeconds(60));
        assertEquals(0, first.terminate(Duration.ofSeconds(20)), "a drained server exits 0");
        try (RunningServer second = RunningServer.start(LOGS.resolve("RecoveryTest-drain-2.log"), "--port",
                String.valueOf(first.port()), "--cert", pem.cert().toString(), "--key", pem.key().toString())) {
            int status = client.await(Duration.ofSeconds(90));
            Map<String, String> summary = Settlement.assertEverySeqSettledOnce(client.lines(), count);
            assertEquals(0, JsonLines.number(summary, "lost"), "no ping is lost across a drain: " + summary + " " + client.err());
            assertTrue(JsonLines.number(summary, "reconnects") >= 1, summary.toString());
            assertEquals(0, status, client.err());
            assertTrue(JsonLines.ofType(client.lines(), "reconnect").stream()
                    .anyMatch(r -> r.get("attempt").equals("1") && r.get("after_ms").equals("0")),
                    "a drained session reconnects at once: " + client.lines());
        }
    }
}
