package dev.pingpong.webtransport;

import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.Http3Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a server answers to requests it does not turn into sessions, and what a client makes of it. */
@Timeout(30)
class SessionRefusalTest {

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private WebTransportException refusal(String path, ConnectOptions options) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> pair.client.connect(pair.uri(path), options, new RecordingListener()).get(10, TimeUnit.SECONDS));
        return assertInstanceOf(WebTransportException.class, failed.getCause());
    }

    @Test
    void unroutedPathIsRefusedWith404() throws Exception {
        pair = LoopbackPair.echo();
        WebTransportException refused = refusal("/nowhere", ConnectOptions.DEFAULT);
        assertEquals(WebTransportException.Kind.SESSION_REFUSED, refused.kind());
        assertEquals(404, refused.status());
        assertEquals(1L, pair.server.stats().counters().get("sessions_refused"));
        assertEquals(0, pair.client.stats().openSessions());
    }

    @Test
    void acceptorRefusingTheOriginAnswers403() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().route("/o", request -> {
            if (request.origin().filter("https://good.example"::equals).isPresent()) {
                request.accept(new EchoListener());
            } else {
                request.reject(403, "origin " + request.origin().orElse("") + " is not allowed; ask for é");
            }
        }));
        WebTransportException refused = refusal("/o", ConnectOptions.DEFAULT.withOrigin("https://evil.example"));
        assertEquals(WebTransportException.Kind.SESSION_REFUSED, refused.kind());
        assertEquals(403, refused.status());
        assertEquals("server refused the session to /o with status 403: origin https://evil.example is not allowed; "
                + "ask for é", refused.getMessage());
        assertTrue(pair.connect("/o", ConnectOptions.DEFAULT.withOrigin("https://good.example"),
                new RecordingListener()).isOpen());
    }

    @Test
    void aLongExplanationReachesTheClientCutToItsBound() throws Exception {
        String explanation = "x".repeat(5000);
        pair = new LoopbackPair(WebTransportServer.builder().route("/l", request -> request.reject(451, explanation)));
        WebTransportException refused = refusal("/l", ConnectOptions.DEFAULT);
        assertEquals(451, refused.status());
        assertEquals("server refused the session to /l with status 451: " + "x".repeat(1024), refused.getMessage());
        assertEquals(1L, pair.server.stats().counters().get("sessions_refused"));
    }

    @Test
    void subprotocolIsNegotiated() throws Exception {
        CompletableFuture<SessionRequest> seen = new CompletableFuture<>();
        pair = new LoopbackPair(WebTransportServer.builder().route("/p", request -> {
            seen.complete(request);
            request.accept(request.offeredProtocols().contains("pingpong-v1") ? "pingpong-v1" : null,
                    new EchoListener());
        }));
        WebTransportSession session = pair.connect("/p",
                ConnectOptions.DEFAULT.withProtocols(List.of("other-v2", "pingpong-v1")), new RecordingListener());
        assertEquals("pingpong-v1", session.protocol().orElseThrow());
        SessionRequest request = seen.get(1, TimeUnit.SECONDS);
        assertEquals(List.of("other-v2", "pingpong-v1"), request.offeredProtocols());
        assertEquals("/p", request.path());
        assertEquals("127.0.0.1:" + pair.port(), request.authority());

        WebTransportSession plain = pair.connect("/p", new RecordingListener());
        assertTrue(plain.protocol().isEmpty());
    }

    @Test
    void sessionsBeyondTheEndpointLimitGet429() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().limits(Limits.builder().maxSessions(1).build())
                .route("/echo", r -> r.accept(new EchoListener())));
        WebTransportSession first = pair.connect("/echo", new RecordingListener());
        WebTransportException refused = refusal("/echo", ConnectOptions.DEFAULT);
        assertEquals(429, refused.status());
        assertEquals(1L, pair.server.stats().counters().get("limit_sessions"));
        first.close(0, "").get(5, TimeUnit.SECONDS);
        first.closeFuture().get(5, TimeUnit.SECONDS);
        // The slot comes back once the server has seen the close.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pair.server.stats().openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(pair.connect("/echo", new RecordingListener()).isOpen());
    }

    @Test
    void sessionsBeyondTheConnectionLimitGet429() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().limits(Limits.builder().maxSessionsPerConnection(1).build())
                .route("/echo", r -> r.accept(new EchoListener())));
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            assertEquals("200", raw.request(connect("/echo"), false).get(5, TimeUnit.SECONDS).status().toString());
            assertEquals("429", raw.request(connect("/echo"), false).get(5, TimeUnit.SECONDS).status().toString());
        }
        assertEquals(1L, pair.server.stats().counters().get("limit_sessions_per_connection"));
    }

    @Test
    void plainHttp3RequestGets404() throws Exception {
        pair = LoopbackPair.echo();
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            Http3Headers get = new DefaultHttp3Headers().method("GET").scheme("https")
                    .authority("127.0.0.1:" + pair.port()).path("/echo");
            assertEquals("404", raw.request(get, true).get(5, TimeUnit.SECONDS).status().toString());
        }
    }

    @Test
    void serverWithoutWebTransportSettingsIsNotSupported() throws Exception {
        try (PlainHttp3Server plain = new PlainHttp3Server();
             WebTransportClient client = WebTransportClient.builder().sslContext(LoopbackTls.client()).build()) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> client.connect(
                    java.net.URI.create("https://127.0.0.1:" + plain.port() + "/echo"), ConnectOptions.DEFAULT,
                    new RecordingListener()).get(10, TimeUnit.SECONDS));
            WebTransportException e = assertInstanceOf(WebTransportException.class, failed.getCause());
            assertEquals(WebTransportException.Kind.NOT_SUPPORTED, e.kind());
            assertTrue(e.getMessage().contains("SETTINGS_ENABLE_WEBTRANSPORT"), e.getMessage());
        }
    }

    @Test
    void nobodyListeningTimesOut() throws Exception {
        pair = LoopbackPair.echo();
        int port = pair.port();
        pair.server.close();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> pair.client.connect(
                pair.uri("/echo"), ConnectOptions.DEFAULT.withTimeout(java.time.Duration.ofMillis(500)),
                new RecordingListener()).get(10, TimeUnit.SECONDS));
        WebTransportException e = assertInstanceOf(WebTransportException.class, failed.getCause());
        assertEquals(WebTransportException.Kind.TIMEOUT, e.kind(), e.getMessage() + " on port " + port);
    }

    private static Http3Headers connect(String path) {
        return RawHttp3Client.connect("webtransport", path);
    }

    @Test
    void refusedClientCertificateIsReportedAsTls() throws Exception {
        dev.pingpong.certs.CertifiedKey key = dev.pingpong.certs.Certificates.selfSigned();
        dev.pingpong.certs.CertifiedKey otherCa = dev.pingpong.certs.Certificates.selfSigned();
        io.netty.handler.codec.quic.QuicSslContext requireClientCertificate = io.netty.handler.codec.quic
                .QuicSslContextBuilder.forServer(key.privateKey(), null,
                        key.chain().toArray(new java.security.cert.X509Certificate[0]))
                .clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE)
                .trustManager(otherCa.leaf())
                .applicationProtocols(io.netty.handler.codec.http3.Http3.supportedApplicationProtocols())
                .build();
        try (WebTransportServer server = WebTransportServer.builder()
                .bind(new java.net.InetSocketAddress("127.0.0.1", 0))
                .sslContext(requireClientCertificate)
                .route("/echo", r -> r.accept(new EchoListener()))
                .start();
             WebTransportClient client = WebTransportClient.builder()
                     .sslContext(io.netty.handler.codec.quic.QuicSslContextBuilder.forClient()
                             .trustManager(key.leaf())
                             .applicationProtocols(io.netty.handler.codec.http3.Http3.supportedApplicationProtocols())
                             .build())
                     .build()) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> client.connect(
                    java.net.URI.create("https://127.0.0.1:" + server.localAddresses().get(0).getPort() + "/echo"),
                    ConnectOptions.DEFAULT, new RecordingListener()).get(10, TimeUnit.SECONDS));
            WebTransportException e = assertInstanceOf(WebTransportException.class, failed.getCause());
            assertEquals(WebTransportException.Kind.TLS, e.kind(), e.getMessage());
        }
    }
}
