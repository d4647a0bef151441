package dev.pingpong.webtransport;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void peerStreamsBeyondTheSessionLimitAreRefused() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().limits(Limits.builder().maxStreamsPerSession(2).build())
                .route("/echo", r -> r.accept(new EchoListener())));
        WebTransportSession session = pair.connect("/echo", new RecordingListener());
        List<StreamReader> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            StreamReader reader = StreamReader.openBidirectional(session).get(5, TimeUnit.SECONDS);
            reader.stream.channel().writeAndFlush(Unpooled.copiedBuffer("s" + i, StandardCharsets.UTF_8));
            readers.add(reader);
        }
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> readers.get(2).finished.get(5, TimeUnit.SECONDS));
        assertEquals(WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED,
                ((io.netty.handler.codec.quic.QuicStreamResetException) refused.getCause()).applicationProtocolCode());
        assertEquals(1L, pair.server.stats().counters().get("limit_streams"));
        // The two streams within the limit still work.
        readers.get(0).stream.finish();
        assertArrayEquals("s0".getBytes(StandardCharsets.UTF_8), readers.get(0).finished.get(5, TimeUnit.SECONDS));
        assertFalse(readers.get(1).finished.isDone());
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
    void streamForAnUnknownSessionIsRefused() throws Exception {
        pair = LoopbackPair.echo();
        CompletableFuture<Throwable> reset = new CompletableFuture<>();
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            io.netty.handler.codec.quic.QuicStreamChannel stream = raw.rawBidirectionalStream(
                    new io.netty.channel.ChannelInboundHandlerAdapter() {
                        @Override
                        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                            reset.complete(cause);
                        }
                    });
            // WT_STREAM signal 0x41 as a two-byte varint, then session id 400, which was never opened.
            stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40, 0x41, 0x41, (byte) 0x90, 'h', 'i'}));
            Throwable cause = reset.get(5, TimeUnit.SECONDS);
            assertEquals(WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED,
                    ((io.netty.handler.codec.quic.QuicStreamResetException) cause).applicationProtocolCode());
        }
        assertEquals(1L, pair.server.stats().counters().get("streams_unknown_session"));
    }
}
