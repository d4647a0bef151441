package dev.pingpong.client.it;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trust by CA, mutual TLS accepted and refused, and certificate files replaced under a live client. */
@Timeout(180)
class TlsTest {

    private static final Path LOGS = Path.of("target-logs").toAbsolutePath();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final List<String> SERVER_NAMES = List.of("localhost", "127.0.0.1");

    @TempDir
    static Path dir;
    private static CertifiedKey ca;
    private static Path caFile;

    @BeforeAll
    static void makeCa() throws Exception {
        ca = Certificates.certificateAuthority("pingpong test CA", Duration.ofDays(1));
        caFile = dir.resolve("ca.crt");
        Files.writeString(caFile, ca.certificatePem());
    }

    @Test
    void mutualTlsAcceptsOurCertificateAndRefusesNoneOrAForeignOne() throws Exception {
        PemFiles server = PemFiles.write(Certificates.issue(ca, SERVER_NAMES, Duration.ofDays(1)), dir, "mtls-server");
        PemFiles client = PemFiles.write(Certificates.issue(ca, List.of("pingpong-client"), Duration.ofDays(1)), dir, "mtls-client");
        CertifiedKey otherCa = Certificates.certificateAuthority("someone else", Duration.ofDays(1));
        PemFiles foreign = PemFiles.write(Certificates.issue(otherCa, List.of("intruder"), Duration.ofDays(1)), dir, "foreign");
        try (RunningServer running = RunningServer.start(LOGS.resolve("TlsTest-mtls.log"), "--cert", server.cert().toString(),
                "--key", server.key().toString(), "--client-ca", caFile.toString(), "--client-auth", "require")) {
            ClientRunner accepted = ClientRunner.run(RUN_LIMIT, "-c", "2", "-i", "20ms", "--ca", caFile.toString(),
                    "--cert", client.cert().toString(), "--key", client.key().toString(), running.url());
            assertEquals(0, accepted.exitStatus(), accepted.err());

            // The refusal must come as the server's certificate alert: a stall would be retried for the whole
            // connect timeout and end as "no server reached" instead.
            ClientRunner withoutCertificate = ClientRunner.run(RUN_LIMIT, "-c", "1", "--connect-timeout", "30s",
                    "--ca", caFile.toString(), running.url());
            assertRefusedAsClientCertificate(withoutCertificate);

            ClientRunner foreignCertificate = ClientRunner.run(RUN_LIMIT, "-c", "1", "--connect-timeout", "30s",
                    "--ca", caFile.toString(), "--cert", foreign.cert().toString(), "--key", foreign.key().toString(), running.url());
            assertRefusedAsClientCertificate(foreignCertificate);
        }
    }

    private static void assertRefusedAsClientCertificate(ClientRunner refused) {
        assertEquals(3, refused.exitStatus(), refused.err());
        assertTrue(refused.err().startsWith("pingpong-client: "), refused.err());
        assertTrue(refused.err().contains("refused our client certificate"), refused.err());
    }

    @Test
    void certificateFilesReplacedUnderALiveClient() throws Exception {
        CertifiedKey before = Certificates.issue(ca, SERVER_NAMES, Duration.ofDays(1));
        CertifiedKey after = Certificates.issue(ca, SERVER_NAMES, Duration.ofDays(1));
        PemFiles files = PemFiles.write(before, dir, "rotating");
        try (RunningServer running = RunningServer.start(LOGS.resolve("TlsTest-rotation.log"), "--cert", files.cert().toString(),
                "--key", files.key().toString())) {
            assertEquals(before.sha256Hex(), running.sha256());
            ClientRunner live = ClientRunner.start("--json", "-c", "150", "-i", "60ms", "--ca", caFile.toString(), running.url());
            live.awaitCount(l -> l.contains("\"pong\""), 5, RUN_LIMIT);
            files.replaceWith(after);

            // The server's file watcher polls: a new client sees the new certificate within a few intervals.
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            ClientRunner fresh;
            do {
                fresh = ClientRunner.run(RUN_LIMIT, "-c", "1", "--connect-timeout", "3s", "--cert-hash", after.sha256Hex(), running.url());
            } while (fresh.exitStatus() != 0 && System.nanoTime() < deadline);
            assertEquals(0, fresh.exitStatus(), "a new client sees the new hash: " + fresh.err());
            ClientRunner old = ClientRunner.run(RUN_LIMIT, "-c", "1", "--connect-timeout", "3s", "--cert-hash", before.sha256Hex(), running.url());
            assertEquals(3, old.exitStatus(), "the old certificate is no longer served to new connections");

            assertEquals(0, live.await(Duration.ofSeconds(60)), "the live client answered everything: " + live.err());
            Map<String, String> summary = Settlement.assertEverySeqSettledOnce(live.lines(), 150);
            assertEquals("0", summary.get("reconnects"), "no disconnect while the certificate changed");
            assertEquals("0", summary.get("lost"));
        }
    }
}
