package dev.pingpong.webtransport;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.PinnedCertificateTrustManager;
import dev.pingpong.webtransport.tls.ServerTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import dev.pingpong.webtransport.tls.SwappableKeyManager;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tech.kwik.core.server.ServerConnector;
import tech.kwik.flupke.Http3Client;
import tech.kwik.flupke.Http3ClientBuilder;
import tech.kwik.flupke.webtransport.ClientSessionFactory;
import tech.kwik.flupke.webtransport.Session;
import tech.kwik.flupke.webtransport.WebTransportHttp3ApplicationProtocolFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interop with flupke 0.9.4 (tech.kwik), an independent Java WebTransport stack: its client against our server
 * and our client against its server, each echoing on a bidirectional stream and on a unidirectional stream
 * (answered on one the server opens), and closing sessions both ways with a code and reason. flupke has no datagram API, so datagrams are checked with the browsers only.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlupkeInteropTest {

    private static final byte[] HELLO = "hello from the other stack".getBytes(StandardCharsets.UTF_8);

    private final CertifiedKey certificate = Certificates.selfSigned();
    /** flupke's handlers block on streams: they run here, never on its own threads. */
    private final ExecutorService flupkeWork = Executors.newCachedThreadPool();
    private WebTransportServer server;
    private WebTransportClient client;
    private ServerConnector flupkeServer;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (flupkeServer != null) {
            flupkeServer.close();
        }
        flupkeWork.shutdownNow();
    }

    @Test
    void flupkeClientEchoesOnOurServerAndSessionsCloseBothWays() throws Exception {
        CompletableFuture<SessionCloseInfo> closedByFlupke = new CompletableFuture<>();
        CompletableFuture<String> draft = new CompletableFuture<>();
        server = WebTransportServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(ServerTlsContexts.create(new SwappableKeyManager(certificate)))
                .route("/echo", request -> request.accept(new EchoListener() {
                    @Override
                    public void onOpen(WebTransportSession session) {
                        draft.complete(session.draftName());
                    }

                    @Override
                    public void onClosed(WebTransportSession session, SessionCloseInfo info) {
                        closedByFlupke.complete(info);
                    }
                }))
                .route("/closing", request -> request.accept(new SessionListener() {
                    // Closing at once could beat flupke's Session.open(), which then fails: wait for a stream.
                    @Override
                    public void onStream(WebTransportSession session, WebTransportStream stream) {
                        session.close(7, "bye from netty");
                    }
                }))
                .start();
        // flupke checks the server name against DNS names only (not IP addresses): connect by "localhost",
        // which Java resolves from /etc/hosts to 127.0.0.1, where the server listens.
        URI base = URI.create("https://localhost:" + server.localAddresses().get(0).getPort());
        ClientSessionFactory sessions = ClientSessionFactory.newBuilder()
                .serverUri(base)
                .httpClient((Http3Client) ((Http3ClientBuilder) Http3Client.newBuilder())
                        .trustManager(new PinnedCertificateTrustManager(List.of(certificate.sha256Hex())))
                        .connectTimeout(Duration.ofSeconds(10))
                        .build())
                .build();

        Session session = sessions.createSession(base.resolve("/echo"));
        CompletableFuture<byte[]> uniEcho = new CompletableFuture<>();
        session.setUnidirectionalStreamReceiveHandler(stream -> flupkeWork.execute(() -> {
            try (InputStream in = stream.getInputStream()) {
                uniEcho.complete(in.readAllBytes());
            } catch (IOException e) {
                uniEcho.completeExceptionally(e);
            }
        }));
        session.open();
        tech.kwik.flupke.webtransport.WebTransportStream stream = session.createBidirectionalStream();
        try (OutputStream out = stream.getOutputStream()) {
            out.write(HELLO);
        }
        assertArrayEquals(HELLO, stream.getInputStream().readAllBytes());
        assertEquals("draft-13", draft.get(5, TimeUnit.SECONDS), "flupke announces SETTINGS_WT_MAX_SESSIONS");
        try (OutputStream out = session.createUnidirectionalStream().getOutputStream()) {
            out.write(HELLO);
        }
        assertArrayEquals(HELLO, uniEcho.get(10, TimeUnit.SECONDS), "echoed on a stream our server opened");
        session.close(4242, "bye from flupke");
        SessionCloseInfo closed = closedByFlupke.get(10, TimeUnit.SECONDS);
        assertEquals(4242, closed.code());
        assertEquals("bye from flupke", closed.reason());
        assertTrue(closed.byPeer());

        CompletableFuture<String> closedByUs = new CompletableFuture<>();
        Session closing = sessions.createSession(base.resolve("/closing"));
        closing.registerSessionTerminatedEventListener((code, reason) -> closedByUs.complete(code + " " + reason));
        closing.open();
        try (OutputStream out = closing.createBidirectionalStream().getOutputStream()) {
            out.write(HELLO);
        }
        assertEquals("7 bye from netty", closedByUs.get(10, TimeUnit.SECONDS));
    }

    @Test
    void ourClientEchoesOnFlupkeServerAndSessionsCloseBothWays() throws Exception {
        BlockingQueue<String> closedAtFlupke = new LinkedBlockingQueue<>();
        int port = startFlupkeServer(closedAtFlupke);
        client = WebTransportClient.builder()
                .sslContext(ClientTlsContexts.create(ServerTrust.pinned(List.of(certificate.sha256Hex()))))
                .build();
        URI base = URI.create("https://127.0.0.1:" + port);

        RecordingListener listener = new RecordingListener();
        WebTransportSession session = client.connect(base.resolve("/echo"), ConnectOptions.DEFAULT, listener)
                .get(10, TimeUnit.SECONDS);
        assertEquals("draft-13", session.draftName(), "flupke's server announces SETTINGS_WT_MAX_SESSIONS");
        WebTransportStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        StreamReader reader = new StreamReader(stream);
        stream.channel().pipeline().addLast(reader);
        stream.channel().writeAndFlush(Unpooled.wrappedBuffer(HELLO));
        stream.finish();
        assertArrayEquals(HELLO, reader.finished.get(10, TimeUnit.SECONDS));
        WebTransportStream uni = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        uni.channel().writeAndFlush(Unpooled.wrappedBuffer(HELLO));
        uni.finish();
        StreamReader uniEcho = listener.streams.poll(10, TimeUnit.SECONDS);
        assertTrue(uniEcho != null && !uniEcho.stream.isBidirectional(), "flupke answered on a unidirectional stream");
        assertArrayEquals(HELLO, uniEcho.finished.get(10, TimeUnit.SECONDS));
        session.close(4242, "bye from netty").get(5, TimeUnit.SECONDS);
        assertEquals("/echo 4242 bye from netty", closedAtFlupke.poll(10, TimeUnit.SECONDS));

        RecordingListener closing = new RecordingListener();
        client.connect(base.resolve("/closing"), ConnectOptions.DEFAULT, closing).get(10, TimeUnit.SECONDS);
        SessionCloseInfo closed = closing.closed.get(10, TimeUnit.SECONDS);
        assertEquals(7, closed.code());
        assertEquals("bye from flupke", closed.reason());
        assertTrue(closed.byPeer());
    }

    /**
     * A flupke WebTransport server: {@code /echo} echoes bidirectional streams on themselves and unidirectional
     * streams on a new one; {@code /closing} closes each session at once.
     */
    private int startFlupkeServer(BlockingQueue<String> closed) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        flupkeServer = FlupkeServers.connector(socket, certificate).build();
        // flupke asks this handler first even for an extended CONNECT, which goes ahead only while no status
        // (or a 2xx) is set: answer plain requests only.
        WebTransportHttp3ApplicationProtocolFactory h3 = new WebTransportHttp3ApplicationProtocolFactory((request, response) -> {
            if (!"CONNECT".equals(request.method())) {
                response.setStatus(404);
            }
        });
        h3.registerWebTransportServer("/echo", session -> {
            session.registerSessionTerminatedEventListener((code, reason) -> closed.add("/echo " + code + " " + reason));
            session.setBidirectionalStreamReceiveHandler(stream -> flupkeWork.execute(() -> echo(stream, stream)));
            session.setUnidirectionalStreamReceiveHandler(stream -> flupkeWork.execute(() -> {
                try {
                    echo(stream, session.createUnidirectionalStream());
                } catch (IOException e) {
                    throw new IllegalStateException("flupke cannot open a unidirectional stream", e);
                }
            }));
            session.open();
        });
        h3.registerWebTransportServer("/closing", session -> {
            session.open();
            flupkeWork.execute(() -> {
                try {
                    session.close(7, "bye from flupke");
                } catch (IOException e) {
                    closed.add("/closing failed: " + e);
                }
            });
        });
        flupkeServer.registerApplicationProtocol("h3", h3);
        flupkeServer.start();
        return socket.getLocalPort();
    }

    private static void echo(tech.kwik.flupke.webtransport.WebTransportStream from,
                             tech.kwik.flupke.webtransport.WebTransportStream to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            out.write(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("flupke echo stream failed", e);
        }
    }
}
