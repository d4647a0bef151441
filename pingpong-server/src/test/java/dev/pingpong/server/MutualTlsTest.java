package dev.pingpong.server;

import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.testing.TestCertificates;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --client-ca with --client-auth require: a client certificate from that CA gets in, none and a foreign one do not. */
class MutualTlsTest {

    @Test
    void onlyClientsWithACertificateFromTheCaGetSessions(@TempDir Path dir) throws Exception {
        TestCertificates.Pki pki = TestCertificates.pki("mtls");
        TestCertificates.Pki foreign = TestCertificates.pki("foreign");
        Path cert = Files.writeString(dir.resolve("tls.crt"), pki.server().certificatePem());
        Path key = Files.writeString(dir.resolve("tls.key"), pki.server().privateKeyPem());
        Path ca = Files.writeString(dir.resolve("ca.crt"), pki.authority().certificatePem());
        try (TestServer server = TestServer.start("--cert", cert.toString(), "--key", key.toString(),
                "--client-ca", ca.toString(), "--client-auth", "require")) {
            ServerTrust trust = ServerTrust.authorities(List.of(pki.authority().leaf()));
            try (WebTransportClient client = WebTransportClient.builder()
                    .sslContext(ClientTlsContexts.create(trust, pki.client())).build()) {
                Future<WebTransportSession> session = connect(client, server);
                assertTrue(session.isSuccess(), "client certificate from the CA: " + session.cause());
                assertEquals(pki.server().leaf(), session.getNow().peerCertificates().get(0), "the server's own certificate");
                try (TestClient.TestSession wrapped = new TestClient.TestSession(session.getNow(), new TestClient.TestSession.Datagrams())) {
                    pingPong(wrapped.openStream(), 1, 0);
                }
            }
            assertFalse(connects(trust, null, server), "no client certificate");
            assertFalse(connects(trust, foreign.client(), server), "client certificate from another CA");
        }
    }

    private static boolean connects(ServerTrust trust, CertifiedKey clientCertificate, TestServer server) throws Exception {
        try (WebTransportClient client = WebTransportClient.builder()
                .sslContext(clientCertificate == null ? ClientTlsContexts.create(trust)
                        : ClientTlsContexts.create(trust, clientCertificate)).build()) {
            Future<WebTransportSession> session = connect(client, server);
            if (session.isSuccess()) {
                // TLS 1.3 lets the client finish its handshake before the server checks the certificate: a refused
                // client learns it when the connection closes right after.
                return !session.getNow().closeFuture().await(2, TimeUnit.SECONDS);
            }
            return false;
        }
    }

    private static Future<WebTransportSession> connect(WebTransportClient client, TestServer server) throws InterruptedException {
        // A refused client may only learn it by timing out (the library does not always surface the server's
        // TLS alert): keep that short, the server's own log shows the refusal at once.
        Future<WebTransportSession> session = client.connect(server.url(),
                ConnectOptions.DEFAULT.withTimeout(Duration.ofSeconds(3)), new SessionListener() { });
        assertTrue(session.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return session;
    }
}
