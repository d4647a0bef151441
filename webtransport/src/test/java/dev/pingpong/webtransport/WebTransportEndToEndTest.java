package dev.pingpong.webtransport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our client against our server over loopback QUIC: streams, datagrams, resets, close, drain. */
@Timeout(30)
class WebTransportEndToEndTest {

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] echoOnNewBidiStream(WebTransportSession session, String text) throws Exception {
        StreamReader reader = StreamReader.openBidirectional(session).get(5, TimeUnit.SECONDS);
        WebTransportStream stream = reader.stream;
        stream.channel().writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        stream.finish();
        return reader.finished.get(5, TimeUnit.SECONDS);
    }

    @Test
    void bidirectionalStreamEchoes() throws Exception {
        pair = LoopbackPair.echo();
        WebTransportSession session = pair.connect("/echo", new RecordingListener());
        assertArrayEquals(utf8("hello webtransport"), echoOnNewBidiStream(session, "hello webtransport"));
        assertArrayEquals(utf8("second stream"), echoOnNewBidiStream(session, "second stream"));
        assertTrue(session.isOpen());
        assertEquals(1, pair.server.stats().openSessions());
        assertEquals(1L, pair.server.stats().counters().get("sessions_accepted"));
        assertFalse(session.peerCertificates().isEmpty(), "the server's certificate reaches the client session");
    }

    @Test
    void anIpv6AuthorityIsBracketedOnce() throws Exception {
        CompletableFuture<String> authority = new CompletableFuture<>();
        pair = new LoopbackPair(WebTransportServer.builder().route("/echo", r -> {
            authority.complete(r.authority());
            r.accept(new EchoListener());
        }), "::1");
        pair.connect("/echo", new RecordingListener());
        assertEquals("[::1]:" + pair.port(), authority.get(5, TimeUnit.SECONDS));
    }

    @Test
    void bidirectionalStreamEchoesOverIpv6() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().route("/echo", r -> r.accept(new EchoListener())), "::1");
        WebTransportSession session = pair.connect("/echo", new RecordingListener());
        assertArrayEquals(utf8("over ::1"), echoOnNewBidiStream(session, "over ::1"));
    }

    @Test
    void unidirectionalStreamsFlowBothWays() throws Exception {
        pair = LoopbackPair.echo();
        RecordingListener listener = new RecordingListener();
        WebTransportSession session = pair.connect("/echo", listener);
        WebTransportStream out = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        assertFalse(out.isBidirectional());
        out.channel().writeAndFlush(Unpooled.copiedBuffer("one way", StandardCharsets.UTF_8));
        out.finish();
        StreamReader back = listener.streams.poll(5, TimeUnit.SECONDS);
        assertNotNull(back, "the server's echo arrives on a server-opened uni stream");
        assertFalse(back.stream.isBidirectional());
        assertFalse(back.stream.isLocal());
        assertArrayEquals(utf8("one way"), back.finished.get(5, TimeUnit.SECONDS));
    }

    @Test
    void serverOpenedBidirectionalStreamReachesTheClient() throws Exception {
        CompletableFuture<WebTransportSession> serverSession = new CompletableFuture<>();
        pair = new LoopbackPair(WebTransportServer.builder().route("/push", r -> serverSession.complete(
                r.accept(new EchoListener()))));
        RecordingListener listener = new RecordingListener();
        pair.connect("/push", listener);
        WebTransportStream pushed = serverSession.get(5, TimeUnit.SECONDS).openBidirectionalStream()
                .get(5, TimeUnit.SECONDS);
        pushed.channel().writeAndFlush(Unpooled.copiedBuffer("from server", StandardCharsets.UTF_8));
        pushed.finish();
        StreamReader received = listener.streams.poll(5, TimeUnit.SECONDS);
        assertNotNull(received);
        assertTrue(received.stream.isBidirectional());
        assertArrayEquals(utf8("from server"), received.finished.get(5, TimeUnit.SECONDS));
    }

    @Test
    void datagramsFlowBothWays() throws Exception {
        pair = LoopbackPair.echo();
        RecordingListener listener = new RecordingListener();
        WebTransportSession session = pair.connect("/echo", listener);
        assertTrue(session.maxDatagramSize() > 1000, "datagram size " + session.maxDatagramSize());
        byte[] received = listener.echoDatagram(session, utf8("dgram"));
        assertArrayEquals(utf8("dgram"), received);
        ExecutionException tooLarge = assertThrows(ExecutionException.class, () -> session.sendDatagram(
                Unpooled.buffer().writeZero(session.maxDatagramSize() + 1)).get(5, TimeUnit.SECONDS));
        assertTrue(tooLarge.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void streamResetCarriesTheWebTransportErrorCode() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().route("/reset", r -> r.accept(new SessionListener() {
            @Override
            public void onStream(WebTransportSession session, WebTransportStream stream) {
                stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                        stream.reset(0xDEADBEEFL);
                    }
                });
            }
        })));
        WebTransportSession session = pair.connect("/reset", new RecordingListener());
        StreamReader reader = StreamReader.openBidirectional(session).get(5, TimeUnit.SECONDS);
        WebTransportStream stream = reader.stream;
        stream.channel().writeAndFlush(Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
        ExecutionException reset = assertThrows(ExecutionException.class,
                () -> reader.finished.get(5, TimeUnit.SECONDS));
        assertEquals(0xDEADBEEFL, WebTransportErrorCodes.fromReset(reset.getCause()).orElseThrow());
    }

    @Test
    void clientCloseIsSeenByTheServer() throws Exception {
        RecordingListener serverListener = new RecordingListener();
        pair = new LoopbackPair(WebTransportServer.builder().route("/s", r -> r.accept(serverListener)));
        RecordingListener clientListener = new RecordingListener();
        WebTransportSession session = pair.connect("/s", clientListener);
        session.close(4242, "bye from client").get(5, TimeUnit.SECONDS);
        SessionCloseInfo atServer = serverListener.closed.get(5, TimeUnit.SECONDS);
        assertEquals(new SessionCloseInfo(4242, "bye from client", true, null), atServer);
        SessionCloseInfo atClient = session.closeFuture().get(5, TimeUnit.SECONDS);
        assertEquals(new SessionCloseInfo(4242, "bye from client", false, null), atClient);
        assertEquals(atClient, clientListener.closed.get(5, TimeUnit.SECONDS));
        assertFalse(session.isOpen());
    }

    @Test
    void serverCloseIsSeenByTheClient() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().route("/s", r -> {
            WebTransportSession session = r.accept(new SessionListener() { });
            session.eventLoop().schedule(() -> session.close(7, "server says bye"), 50, TimeUnit.MILLISECONDS);
        }));
        RecordingListener clientListener = new RecordingListener();
        WebTransportSession session = pair.connect("/s", clientListener);
        SessionCloseInfo info = session.closeFuture().get(5, TimeUnit.SECONDS);
        assertEquals(7, info.code());
        assertEquals("server says bye", info.reason());
        assertTrue(info.byPeer());
        assertNull(info.cause());
    }

    @Test
    void closingASessionResetsItsStreams() throws Exception {
        pair = LoopbackPair.echo();
        WebTransportSession session = pair.connect("/echo", new RecordingListener());
        StreamReader reader = StreamReader.openBidirectional(session).get(5, TimeUnit.SECONDS);
        WebTransportStream stream = reader.stream;
        session.close(0, "").get(5, TimeUnit.SECONDS);
        assertThrows(ExecutionException.class, () -> reader.finished.get(5, TimeUnit.SECONDS));
        assertTrue(stream.channel().closeFuture().await(5, TimeUnit.SECONDS));
    }

    @Test
    void drainTravelsBothWays() throws Exception {
        RecordingListener serverListener = new RecordingListener();
        CompletableFuture<WebTransportSession> serverSession = new CompletableFuture<>();
        pair = new LoopbackPair(WebTransportServer.builder().route("/d",
                r -> serverSession.complete(r.accept(serverListener))));
        RecordingListener clientListener = new RecordingListener();
        WebTransportSession session = pair.connect("/d", clientListener);
        session.drain();
        serverListener.draining.get(5, TimeUnit.SECONDS);
        assertTrue(session.isDraining());
        WebTransportSession atServer = serverSession.get(5, TimeUnit.SECONDS);
        assertTrue(atServer.isDraining());
        atServer.drain();
        clientListener.draining.get(5, TimeUnit.SECONDS);
        assertTrue(session.isOpen(), "a draining session stays usable");
    }

    @Test
    void shutdownDrainsSessionsAndEndsThem() throws Exception {
        pair = LoopbackPair.echo();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void onDraining(WebTransportSession session) {
                super.onDraining(session);
                session.close(0, "drained");
            }
        };
        WebTransportSession session = pair.connect("/echo", listener);
        pair.server.shutdown(java.time.Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        listener.draining.get(1, TimeUnit.SECONDS);
        assertEquals("drained", session.closeFuture().get(5, TimeUnit.SECONDS).reason());
        assertEquals(0, pair.server.stats().openSessions());
    }

    @Test
    void aShuttingDownServerRefusesNewConnections() throws Exception {
        pair = LoopbackPair.echo();
        WebTransportSession lingering = pair.connect("/echo", new RecordingListener());
        Future<Void> stopped = pair.server.shutdown(java.time.Duration.ofSeconds(20));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> pair.connect("/echo", new RecordingListener()));
        WebTransportException refused = (WebTransportException) failed.getCause();
        assertEquals(WebTransportException.Kind.CONNECTION_CLOSED, refused.kind(),
                "refused with CONNECTION_CLOSE, not left to time out: " + refused);
        // At least one: a retransmitted Initial crossing the close is refused again.
        assertTrue(pair.server.stats().counters().get("connections_refused") >= 1, pair.server.stats().counters().toString());
        assertTrue(lingering.isOpen(), "the draining session is untouched");
        assertFalse(stopped.isDone());
    }

    @Test
    void losingTheConnectionEndsTheSessionWithACause() throws Exception {
        pair = LoopbackPair.echo();
        RecordingListener listener = new RecordingListener();
        WebTransportSession session = pair.connect("/echo", listener);
        pair.server.close();
        SessionCloseInfo info = session.closeFuture().get(10, TimeUnit.SECONDS);
        assertNotNull(info.cause(), "a lost session says why");
        assertFalse(info.isClean());
        assertEquals(info, listener.closed.get(1, TimeUnit.SECONDS));
    }

    @Test
    void defaultListenerRefusesPeerStreams() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().route("/quiet", r -> r.accept(new SessionListener() { })));
        WebTransportSession session = pair.connect("/quiet", new RecordingListener());
        StreamReader reader = StreamReader.openBidirectional(session).get(5, TimeUnit.SECONDS);
        reader.stream.channel().writeAndFlush(Unpooled.copiedBuffer("anyone?", StandardCharsets.UTF_8));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> reader.finished.get(5, TimeUnit.SECONDS));
        assertEquals(0, WebTransportErrorCodes.fromReset(refused.getCause()).orElseThrow());
        assertTrue(session.isOpen(), "a refused stream leaves the session alone");
    }

    @Test
    void wildcardIpv6SocketServesIpv4Clients() throws Exception {
        // The default bind, on a free port: one [::] socket serving both address families.
        try (WebTransportServer server = WebTransportServer.builder()
                .port(0)
                .sslContext(LoopbackTls.server())
                .route("/echo", r -> r.accept(new EchoListener()))
                .start();
             WebTransportClient client = WebTransportClient.builder().sslContext(LoopbackTls.client()).build()) {
            int port = server.localAddresses().get(0).getPort();
            WebTransportSession session = client.connect(java.net.URI.create("https://127.0.0.1:" + port + "/echo"),
                    ConnectOptions.DEFAULT, new RecordingListener()).get(10, TimeUnit.SECONDS);
            assertArrayEquals(utf8("v4 on v6"), echoOnNewBidiStream(session, "v4 on v6"));
        }
    }

    @Test
    void portIsOnlyForTheDefaultBind() {
        WebTransportServer.Builder both = WebTransportServer.builder().port(4433)
                .bind(new java.net.InetSocketAddress("127.0.0.1", 0)).sslContext(LoopbackTls.server());
        IllegalStateException refused = assertThrows(IllegalStateException.class, both::start);
        assertTrue(refused.getMessage().contains("127.0.0.1"), refused.getMessage());
    }
}
