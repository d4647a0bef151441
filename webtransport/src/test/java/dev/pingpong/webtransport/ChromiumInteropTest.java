package dev.pingpong.webtransport;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.testing.Chromium;
import dev.pingpong.webtransport.tls.ServerTlsContexts;
import dev.pingpong.webtransport.tls.SwappableKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real headless Chromium against our {@link WebTransportServer}: the page {@code pages/webtransport-interop.html}
 * connects with {@code serverCertificateHashes} (a fresh P-256 certificate valid 10 days), echoes on a
 * bidirectional stream, on a unidirectional stream (answered on a server-opened one) and with datagrams, closes
 * its session with a code and reason, and reads the code and reason of a session the server closes.
 *
 * <p>Run locally: {@code apt-get install chromium}, then
 * {@code ./mvnw -pl webtransport test -Dtest=ChromiumInteropTest}. Without Chromium the test is skipped with a
 * message saying so; CI installs it. When the page reports a failure, the server's log in
 * {@code target/surefire-reports/*ChromiumInteropTest-output.txt} tells why (the browser only says
 * "Opening handshake failed").
 */
@Timeout(120)
class ChromiumInteropTest {

    private static final Logger log = LoggerFactory.getLogger(ChromiumInteropTest.class);

    @TempDir
    Path dir;

    private WebTransportServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void browserEchoesOnStreamsAndDatagramsAndClosesBothWays() throws Exception {
        Chromium chromium = Chromium.assumeInstalled();
        CertifiedKey certificate = Certificates.selfSigned();
        CompletableFuture<String> origin = new CompletableFuture<>();
        CompletableFuture<SessionCloseInfo> pageClose = new CompletableFuture<>();
        server = WebTransportServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(ServerTlsContexts.create(new SwappableKeyManager(certificate)))
                .route("/echo", request -> {
                    origin.complete(request.origin().orElse("(none)"));
                    request.accept(new EchoListener() {
                        @Override
                        public void onClosed(WebTransportSession session, SessionCloseInfo info) {
                            pageClose.complete(info);
                        }
                    });
                })
                .route("/closing", request -> request.accept(new SessionListener() {
                    @Override
                    public void onOpen(WebTransportSession session) {
                        session.close(7, "bye from server");
                    }
                }))
                .start();
        int port = server.localAddresses().get(0).getPort();

        String result = chromium.run(Chromium.page("pages/webtransport-interop.html", dir,
                        "port=" + port + "&hash=" + certificate.sha256Hex() + "&echo=/echo&closing=/closing"),
                "RESULT", Duration.ofSeconds(60));
        log.info("chromium reported {}", result);

        assertTrue(result.startsWith("{\"ok\":true,"), result);
        assertContains(result, "\"bidi\":{\"sent\":\"bidi hello from chromium\",\"received\":\"bidi hello from chromium\"}");
        assertContains(result, "\"uni\":{\"sent\":\"uni hello from chromium\",\"received\":\"uni hello from chromium\"}");
        Matcher datagram = Pattern.compile("\"datagram\":\\{\"received\":\"datagram (\\d+)\",\"attempts\":(\\d+),"
                + "\"maxDatagramSize\":(\\d+)}").matcher(result);
        assertTrue(datagram.find(), result);
        assertTrue(Integer.parseInt(datagram.group(1)) <= Integer.parseInt(datagram.group(2)), "echo of a datagram sent");
        assertTrue(Integer.parseInt(datagram.group(3)) > 1000, "page's maxDatagramSize " + datagram.group(3));
        assertContains(result, "\"pageClose\":{\"closeCode\":4242,\"reason\":\"bye from chromium\"}");
        assertContains(result, "\"serverClose\":{\"closeCode\":7,\"reason\":\"bye from server\"}");

        assertEquals("file://", origin.get(5, TimeUnit.SECONDS));
        SessionCloseInfo closed = pageClose.get(5, TimeUnit.SECONDS);
        assertEquals(4242, closed.code());
        assertEquals("bye from chromium", closed.reason());
        assertTrue(closed.byPeer());
        assertTrue(closed.isClean(), "closed, not lost: " + closed);
    }

    private static void assertContains(String result, String part) {
        assertTrue(result.contains(part), () -> "expected " + part + " in " + result);
    }
}
