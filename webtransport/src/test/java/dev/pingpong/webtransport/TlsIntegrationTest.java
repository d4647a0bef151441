package dev.pingpong.webtransport;

import dev.pingpong.certs.CertificateHashes;
import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.testing.KubernetesSecretVolume;
import dev.pingpong.webtransport.testing.TestCertificates;
import dev.pingpong.webtransport.tls.CertificateFileWatcher;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import dev.pingpong.webtransport.tls.SwappableKeyManager;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our client and our server over loopback QUIC with the TLS of {@code dev.pingpong.webtransport.tls}: a certificate
 * rotated on disk under a live session, mutual TLS, and host name verification. Refusals must reach the client as
 * {@link WebTransportException.Kind#TLS}, not as a timeout.
 */
@Timeout(60)
class TlsIntegrationTest {

    private static final ConnectOptions OPTIONS = ConnectOptions.DEFAULT.withTimeout(Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private final TestCertificates.Pki pki = TestCertificates.pki("integration");
    private final CompletableFuture<List<X509Certificate>> clientCertificatesSeen = new CompletableFuture<>();
    private WebTransportServer server;
    private WebTransportClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void certificateRotatedOnDiskReachesNewConnectionsWhileTheLiveSessionGoesOn() throws Exception {
        CertifiedKey first = Certificates.selfSigned();
        CertifiedKey second = Certificates.selfSigned();
        KubernetesSecretVolume secret = KubernetesSecretVolume.tls(dir, first);
        SwappableKeyManager keys = new SwappableKeyManager(CertifiedKey.load(secret.certificateFile(), secret.keyFile()));
        startServer(ServerTlsContexts.create(keys));
        ServerTrust bothPinned = ServerTrust.pinned(List.of(first.sha256Hex(), second.sha256Hex()));
        startClient(ClientTlsContexts.create(bothPinned));

        WebTransportSession live = connect("127.0.0.1");
        assertEquals(first.sha256Hex(), leafHash(live.peerCertificates()));
        assertEcho(live, "before rotation");

        try (CertificateFileWatcher watcher = CertificateFileWatcher.start(secret.certificateFile(), secret.keyFile(),
                keys, Duration.ofHours(1), rotated -> { })) {
            secret.update(second);
            assertTrue(watcher.checkNow(), "the watcher takes the new Secret version");
        }

        assertEcho(live, "after rotation, same session");
        assertTrue(live.isOpen());
        // A new TLS context: the old one holds a resumable TLS session, and a resumed handshake carries no
        // certificate (the client keeps seeing the one it verified first, which is how TLS resumption works).
        try (WebTransportClient newClient = WebTransportClient.builder().sslContext(ClientTlsContexts.create(bothPinned)).build()) {
            WebTransportSession fresh = newClient.connect(echoUri("127.0.0.1"), OPTIONS, new RecordingListener())
                    .get(15, TimeUnit.SECONDS);
            assertEquals(second.sha256Hex(), leafHash(fresh.peerCertificates()));
            assertEcho(fresh, "new connection");
        }
        assertEcho(live, "old session still alive");
    }

    @Test
    void requiredClientCertificateIsVerifiedAndShownToTheApplication() throws Exception {
        startServer(mutualTlsServer());
        ServerTrust trust = ServerTrust.authorities(List.of(pki.authority().leaf()));
        startClient(ClientTlsContexts.create(trust, pki.client()));

        WebTransportSession session = connect("127.0.0.1");
        assertEcho(session, "mutual");
        assertEquals(pki.client().sha256Hex(), leafHash(clientCertificatesSeen.get(5, TimeUnit.SECONDS)));
        assertEquals(pki.server().sha256Hex(), leafHash(session.peerCertificates()));
    }

    @Test
    void missingClientCertificateIsATlsError() throws Exception {
        startServer(mutualTlsServer());
        startClient(ClientTlsContexts.create(ServerTrust.authorities(List.of(pki.authority().leaf()))));
        assertClientCertificateRefused();
    }

    @Test
    void clientCertificateFromAnotherCaIsATlsError() throws Exception {
        startServer(mutualTlsServer());
        CertifiedKey foreign = TestCertificates.pki("foreign").client();
        startClient(ClientTlsContexts.create(ServerTrust.authorities(List.of(pki.authority().leaf())), foreign));
        assertClientCertificateRefused();
    }

    @Test
    void caTrustChecksThatTheCertificateNamesTheHost() throws Exception {
        CertifiedKey elsewhere = Certificates.issue(pki.authority(), List.of("elsewhere.test"), Duration.ofDays(1));
        startServer(ServerTlsContexts.create(new SwappableKeyManager(elsewhere)));
        startClient(ClientTlsContexts.create(ServerTrust.authorities(List.of(pki.authority().leaf()))));
        assertTlsFailure();
    }

    @Test
    void caTrustAcceptsTheServerByItsIpAddress() throws Exception {
        startServer(ServerTlsContexts.create(new SwappableKeyManager(pki.server())));
        startClient(ClientTlsContexts.create(ServerTrust.authorities(List.of(pki.authority().leaf()))));
        assertEcho(connect("127.0.0.1"), "verified by CA and IP address");
    }

    @Test
    void unpinnedServerIsATlsError() throws Exception {
        startServer(ServerTlsContexts.create(new SwappableKeyManager(Certificates.selfSigned())));
        startClient(ClientTlsContexts.create(ServerTrust.pinned(List.of(Certificates.selfSigned().sha256Hex()))));
        assertTlsFailure();
    }

    private QuicSslContext mutualTlsServer() throws Exception {
        return ServerTlsContexts.create(new SwappableKeyManager(pki.server()), ClientAuth.REQUIRE, List.of(pki.authority().leaf()));
    }

    private void startServer(QuicSslContext context) throws InterruptedException {
        server = WebTransportServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(context)
                .route("/echo", request -> {
                    clientCertificatesSeen.complete(request.peerCertificates());
                    request.accept(new EchoListener());
                })
                .start();
    }

    private void startClient(QuicSslContext context) {
        client = WebTransportClient.builder().sslContext(context).build();
    }

    private WebTransportSession connect(String host) throws Exception {
        return client.connect(echoUri(host), OPTIONS, new RecordingListener()).get(15, TimeUnit.SECONDS);
    }

    private URI echoUri(String host) {
        return URI.create("https://" + host + ":" + server.localAddresses().get(0).getPort() + "/echo");
    }

    private void assertTlsFailure() {
        assertTlsFailure(OPTIONS);
    }

    private WebTransportException assertTlsFailure(ConnectOptions options) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.connect(echoUri("127.0.0.1"), options, new RecordingListener()).get(30, TimeUnit.SECONDS));
        WebTransportException cause = assertInstanceOf(WebTransportException.class, failure.getCause(), failure.toString());
        assertEquals(WebTransportException.Kind.TLS, cause.kind(), cause.toString());
        return cause;
    }

    /**
     * The server's TLS alert must end the connect, not the connect timeout: with 20 s allowed, a failure after
     * 10 s or more means the client waited for its timeout (a correctness bound, not a performance one).
     */
    private void assertClientCertificateRefused() {
        long start = System.nanoTime();
        WebTransportException refused = assertTlsFailure(ConnectOptions.DEFAULT.withTimeout(Duration.ofSeconds(20)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "failed only after " + took + ": " + refused);
        assertTrue(refused.getMessage().contains("the server refused our client certificate"), refused.getMessage());
    }

    private static void assertEcho(WebTransportSession session, String text) throws Exception {
        WebTransportStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        StreamReader reader = new StreamReader(stream);
        stream.channel().pipeline().addLast(reader);
        stream.channel().writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        stream.finish();
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), reader.finished.get(5, TimeUnit.SECONDS));
    }

    private static String leafHash(List<X509Certificate> chain) {
        assertTrue(!chain.isEmpty(), "a certificate was presented");
        return CertificateHashes.sha256Hex(chain.get(0));
    }
}
