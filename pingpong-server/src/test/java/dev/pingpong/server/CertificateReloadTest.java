package dev.pingpong.server;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.testing.KubernetesSecretVolume;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pingpong.server.Pings.eventually;
import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Kubernetes TLS Secret mounted as a directory is updated: new connections get the new certificate. */
class CertificateReloadTest {

    @Test
    void newConnectionsSeeTheNewCertificateWhileTheOldSessionGoesOn(@TempDir Path secret) throws Exception {
        CertifiedKey first = Certificates.selfSigned();
        CertifiedKey second = Certificates.selfSigned();
        KubernetesSecretVolume volume = KubernetesSecretVolume.tls(secret, first);
        try (TestServer server = TestServer.start(Duration.ofMillis(100), "--cert", volume.certificateFile().toString(),
                "--key", volume.keyFile().toString());
             TestClient oldClient = new TestClient(first.sha256Hex());
             TestClient.TestSession oldSession = oldClient.connect(server.url())) {
            assertTrue(server.output.contains("certificate sha256=" + first.sha256Hex()), server.output);
            TestStream oldStream = oldSession.openStream();
            pingPong(oldStream, 1, 0);

            volume.update(second);
            eventually("reload", TestClient.WAIT, () -> server.sha256().equals(second.sha256Hex()));
            assertEquals(second.sha256Hex() + "\n", Http.get(server.http("/cert-hash")).body());
            assertEquals(1, server.server.metrics().certificateReloads.get());

            try (TestClient newClient = new TestClient(second.sha256Hex());
                 TestClient.TestSession newSession = newClient.connect(server.url())) {
                pingPong(newSession.openStream(), 2, 0);
            }
            assertFalse(connects(first.sha256Hex(), server), "a client pinned to the old certificate is refused");
            pingPong(oldStream, 3, 0);
            pingPong(oldSession.openStream(), 4, 0);
        }
    }

    @Test
    void aHalfWrittenKeyIsNotServed(@TempDir Path secret) throws Exception {
        CertifiedKey first = Certificates.selfSigned();
        KubernetesSecretVolume volume = KubernetesSecretVolume.tls(secret, first);
        try (TestServer server = TestServer.start(Duration.ofMillis(100), "--cert", volume.certificateFile().toString(),
                "--key", volume.keyFile().toString())) {
            CertifiedKey other = Certificates.selfSigned();
            volume.publish(java.util.Map.of("tls.crt", other.certificatePem().getBytes(),
                    "tls.key", first.privateKeyPem().getBytes()));
            Thread.sleep(500);
            assertEquals(first.sha256Hex(), server.sha256(), "a mismatched pair keeps the old certificate");
            try (TestClient client = new TestClient(first.sha256Hex());
                 TestClient.TestSession session = client.connect(server.url())) {
                pingPong(session.openStream(), 1, 0);
            }
        }
    }

    private static boolean connects(String pinnedSha256, TestServer server) throws InterruptedException {
        try (WebTransportClient client = WebTransportClient.builder()
                .sslContext(ClientTlsContexts.create(ServerTrust.pinned(List.of(pinnedSha256)))).build()) {
            Future<WebTransportSession> session = client.connect(server.url(), ConnectOptions.DEFAULT, new SessionListener() { });
            assertTrue(session.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            return session.isSuccess();
        }
    }
}
