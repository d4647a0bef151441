package dev.pingpong.webtransport;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.testing.HeadlessBrowser;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import dev.pingpong.webtransport.tls.SwappableKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real headless browser against our {@link WebTransportServer}; one subclass per browser. The page
 * {@code pages/webtransport-interop.html} connects with {@code serverCertificateHashes} (a fresh P-256
 * certificate valid 10 days) offering the subprotocol {@code echo-v1}, echoes on a bidirectional stream, on a
 * unidirectional stream (answered on a server-opened one) and with datagrams, closes its session with a code and
 * reason, and reads the code and reason of a session the server closes.
 *
 * <p>Run locally: {@code apt-get install chromium firefox-esr}, then
 * {@code ./mvnw -pl webtransport test -Dtest='*InteropTest'}. Without the browser the test is skipped with a
 * message saying so, and fails under {@code CI=true} (CI installs both). When the page reports a failure, the
 * server's log in {@code target/surefire-reports/*InteropTest-output.txt} tells why (browsers only say
 * "Opening handshake failed").
 */
@Timeout(180)
abstract class BrowserInterop {

    private static final Logger log = LoggerFactory.getLogger(BrowserInterop.class);
    private static final String SUBPROTOCOL = "echo-v1";

    private final String browserName;

    @TempDir
    Path dir;

    private WebTransportServer server;

    BrowserInterop(String browserName) {
        this.browserName = browserName;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void browserEchoesOnStreamsAndDatagramsAndClosesBothWays() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.assumeInstalled(browserName);
        CertifiedKey certificate = Certificates.selfSigned();
        CompletableFuture<SessionRequest> request = new CompletableFuture<>();
        CompletableFuture<SessionCloseInfo> pageClose = new CompletableFuture<>();
        server = WebTransportServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(ServerTlsContexts.create(new SwappableKeyManager(certificate)))
                .route("/echo", connect -> {
                    request.complete(connect);
                    SessionListener echo = new EchoListener() {
                        @Override
                        public void onClosed(WebTransportSession session, SessionCloseInfo info) {
                            pageClose.complete(info);
                        }
                    };
                    if (connect.offeredProtocols().contains(SUBPROTOCOL)) {
                        connect.accept(SUBPROTOCOL, echo);
                    } else {
                        connect.accept(echo);
                    }
                })
                .route("/closing", connect -> connect.accept(new SessionListener() {
                    @Override
                    public void onOpen(WebTransportSession session) {
                        session.close(7, "bye from server");
                    }
                }))
                .start();
        int port = server.localAddresses().get(0).getPort();

        String result = browser.run(HeadlessBrowser.page("pages/webtransport-interop.html", dir,
                        "port=" + port + "&hash=" + certificate.sha256Hex() + "&echo=/echo&closing=/closing"
                                + "&who=" + browserName + "&protocol=" + SUBPROTOCOL),
                "RESULT", Duration.ofSeconds(120));
        log.info("{} reported {}", browser, result);

        String hello = "hello from " + browserName;
        assertTrue(result.startsWith("{\"ok\":true,"), result);
        assertContains(result, "\"bidi\":{\"sent\":\"bidi " + hello + "\",\"received\":\"bidi " + hello + "\"}");
        assertContains(result, "\"uni\":{\"sent\":\"uni " + hello + "\",\"received\":\"uni " + hello + "\"}");
        Matcher datagram = Pattern.compile("\"datagram\":\\{\"received\":\"datagram (\\d+)\",\"attempts\":(\\d+),"
                + "\"maxDatagramSize\":(\\d+)}").matcher(result);
        assertTrue(datagram.find(), result);
        assertTrue(Integer.parseInt(datagram.group(1)) <= Integer.parseInt(datagram.group(2)), "echo of a datagram sent");
        assertTrue(Integer.parseInt(datagram.group(3)) > 1000, "page's maxDatagramSize " + datagram.group(3));
        assertContains(result, "\"pageClose\":{\"closeCode\":4242,\"reason\":\"bye from " + browserName + "\"}");
        assertContains(result, "\"serverClose\":{\"closeCode\":7,\"reason\":\"bye from server\"}");

        SessionRequest connect = request.get(5, TimeUnit.SECONDS);
        assertEquals(browser.fileOrigin(), connect.origin().orElse("(none)"));
        assertEquals("draft-02", connect.draftName(), browser + " speaks the draft-02 era");
        if (browser.offersSubprotocols()) {
            assertEquals(List.of(SUBPROTOCOL), connect.offeredProtocols());
            assertContains(result, "\"protocol\":\"" + SUBPROTOCOL + "\"");
        } else {
            assertEquals(List.of(), connect.offeredProtocols(), "offered although " + browser + " has no protocols option");
            assertContains(result, "\"protocol\":null");
        }
        SessionCloseInfo closed = pageClose.get(5, TimeUnit.SECONDS);
        assertEquals(4242, closed.code());
        assertEquals("bye from " + browserName, closed.reason());
        assertTrue(closed.byPeer());
        assertTrue(closed.isClean(), "closed, not lost: " + closed);
        assertOurClientSpeaksDraft16(port, certificate);
    }

    /** The same server, meanwhile: our client gets the newest draft where the browser got draft-02. */
    private static void assertOurClientSpeaksDraft16(int port, CertifiedKey certificate) throws Exception {
        try (WebTransportClient client = WebTransportClient.builder()
                .sslContext(ClientTlsContexts.create(ServerTrust.pinned(List.of(certificate.sha256Hex())))).build()) {
            WebTransportSession ours = client.connect(URI.create("https://127.0.0.1:" + port + "/echo"),
                    ConnectOptions.DEFAULT.withProtocols(List.of(SUBPROTOCOL)), new RecordingListener())
                    .get(10, TimeUnit.SECONDS);
            assertEquals("draft-16", ours.draftName());
            assertEquals(SUBPROTOCOL, ours.protocol().orElse("(none)"));
            ours.close(0, "").get(5, TimeUnit.SECONDS);
        }
    }

    private static void assertContains(String result, String part) {
        assertTrue(result.contains(part), () -> "expected " + part + " in " + result);
    }
}
