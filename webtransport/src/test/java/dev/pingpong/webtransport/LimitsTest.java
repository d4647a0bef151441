package dev.pingpong.webtransport;

import dev.pingpong.webtransport.codec.StreamHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Per-session stream and capsule bounds, enforced by the server against our client. */
@Timeout(30)
class LimitsTest {

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /**
     * A peer without session flow control (SETTINGS without initial limits, as the browsers send) gets no stream credit
     * to stay within, so a stream past the concurrent limit is refused, and the session goes on. Against our client,
     * which uses flow control, the limit is its stream credit instead ({@code FlowControlLoopbackTest}).
     */
    @Test
    void peerStreamsBeyondTheSessionLimitAreRefusedWithoutSessionFlowControl() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().limits(Limits.builder().maxStreamsPerSession(2).build())
                .route("/echo", r -> r.accept(new EchoListener())));
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            Http3Headers connect = new DefaultHttp3Headers().method("CONNECT").protocol("webtransport")
                    .scheme("https").authority("localhost").path("/echo");
            connect.add("sec-webtransport-http3-draft02", "1");
            assertEquals("200", raw.request(connect, false).get(5, TimeUnit.SECONDS).status().toString());
            long sessionId = 0; // the client's first bidirectional stream carried the CONNECT
            List<CompletableFuture<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                CompletableFuture<Object> outcome = new CompletableFuture<>();
                QuicStreamChannel stream = raw.rawBidirectionalStream(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        outcome.complete(((ByteBuf) msg).toString(StandardCharsets.UTF_8));
                        ((ByteBuf) msg).release();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        outcome.complete(cause);
                    }
                });
                stream.write(StreamHeaders.encode(stream.alloc(), true, sessionId));
                stream.writeAndFlush(Unpooled.copiedBuffer("s" + i, StandardCharsets.UTF_8));
                outcomes.add(outcome);
            }
            QuicStreamResetException refused = assertInstanceOf(QuicStreamResetException.class,
                    outcomes.get(2).get(5, TimeUnit.SECONDS));
            assertEquals(WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED, refused.applicationProtocolCode());
            assertEquals("s0", outcomes.get(0).get(5, TimeUnit.SECONDS), "the streams within the limit still work");
            assertEquals("s1", outcomes.get(1).get(5, TimeUnit.SECONDS));
        }
        assertEquals(1L, pair.server.stats().counters().get("limit_streams"));
        assertEquals(0L, pair.server.stats().counters().get("flow_control_errors"));
    }

    @Test
    void capsuleAboveTheLimitEndsTheSession() throws Exception {
        RecordingListener serverListener = new RecordingListener();
        pair = new LoopbackPair(WebTransportServer.builder().limits(Limits.builder().maxCapsuleSize(64).build())
                .route("/c", r -> r.accept(serverListener)));
        WebTransportSession session = pair.connect("/c", new RecordingListener());
        session.close(1, "x".repeat(200));
        SessionCloseInfo atServer = serverListener.closed.get(5, TimeUnit.SECONDS);
        assertNotNull(atServer.cause(), "the server ends the session as failed, not as closed by the peer's capsule");
        assertEquals(1L, pair.server.stats().counters().get("limit_capsule_size"));
        assertEquals(0, pair.server.stats().openSessions());
    }

    @Test
    void streamForASessionThatNeverComesIsRefusedOnceTheHandshakeTimeoutIsOver() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder()
                .limits(Limits.builder().handshakeTimeout(Duration.ofSeconds(1)).build())
                .route("/echo", r -> r.accept(new EchoListener())));
        CompletableFuture<Throwable> reset = new CompletableFuture<>();
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            io.netty.handler.codec.quic.QuicStreamChannel stream = raw.rawBidirectionalStream(
                    new io.netty.channel.ChannelInboundHandlerAdapter() {
                        @Override
                        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                            reset.complete(cause);
                        }
                    });
            // WT_STREAM signal 0x41 as a two-byte varint, then session id 400, whose CONNECT never comes: the stream
            // waits for it (draft-16 section 4.6) as long as a CONNECT may take.
            stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40, 0x41, 0x41, (byte) 0x90, 'h', 'i'}));
            Throwable cause = reset.get(10, TimeUnit.SECONDS);
            assertEquals(WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED,
                    ((io.netty.handler.codec.quic.QuicStreamResetException) cause).applicationProtocolCode());
        }
        assertEquals(1L, pair.server.stats().counters().get("streams_unknown_session"));
    }
}
