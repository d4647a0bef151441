package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamResetException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.pingpong.webtransport.HeaderPendingLimitsTest.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What applications hold outside flow control is bounded per stream, session, connection and endpoint: the stream
 * that would pass a bound is reset with H3_EXCESSIVE_LOAD and counted, its session goes on, and all of it is given
 * back when streams close.
 */
@Timeout(60)
class HeldBytesLimitsTest {

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /** Holds (counts, then drops) everything each stream receives, as a decoder waiting for the end of a frame would. */
    private static final class HoldingListener implements SessionListener {
        @Override
        public void onStream(WebTransportSession session, WebTransportStream stream) {
            stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                private long held;

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    held += ((ByteBuf) msg).readableBytes();
                    ((ByteBuf) msg).release();
                    stream.holdReceivedBytes(held);
                }
            });
        }
    }

    private void start(Limits limits) throws InterruptedException {
        pair = new LoopbackPair(WebTransportServer.builder().limits(limits)
                .route("/hold", r -> r.accept(new HoldingListener())));
    }

    private long held() {
        return pair.server.stats().gauges().get("held_bytes");
    }

    private long counter(String name) {
        return pair.server.stats().counters().get(name);
    }

    private static StreamReader send(WebTransportSession session, int bytes) throws Exception {
        StreamReader reader = StreamReader.openBidirectional(session).get(5, TimeUnit.SECONDS);
        reader.stream.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[bytes]));
        return reader;
    }

    private static void assertExcessiveLoad(StreamReader reader) {
        ExecutionException reset = assertThrows(ExecutionException.class,
                () -> reader.finished.get(5, TimeUnit.SECONDS));
        assertEquals(Http3ErrorCode.H3_EXCESSIVE_LOAD.code(),
                assertInstanceOf(QuicStreamResetException.class, reset.getCause()).applicationProtocolCode());
    }

    @Test
    void aStreamPastItsBoundIsResetAndItsSessionGoesOn() throws Exception {
        start(Limits.builder().maxHeldBytesPerStream(1000).build());
        WebTransportSession session = pair.connect("/hold", new RecordingListener());
        StreamReader within = send(session, 900);
        eventually(() -> held() == 900);
        assertExcessiveLoad(send(session, 1500));
        assertEquals(1, counter("limit_held_bytes_per_stream"));
        assertEquals(900, held(), "the reset stream gave its bytes back, the other keeps them");
        assertFalse(within.finished.isDone());
        within.stream.abort(1, "test done");
        eventually(() -> held() == 0);
        StreamReader next = send(session, 500);
        eventually(() -> held() == 500);
        assertFalse(next.finished.isDone());
    }

    @Test
    void theSessionBoundSumsItsStreams() throws Exception {
        start(Limits.builder().maxHeldBytesPerSession(1000).build());
        WebTransportSession session = pair.connect("/hold", new RecordingListener());
        send(session, 600);
        eventually(() -> held() == 600);
        assertExcessiveLoad(send(session, 600));
        assertEquals(1, counter("limit_held_bytes_per_session"));
        WebTransportSession other = pair.connect("/hold", new RecordingListener());
        send(other, 600);
        eventually(() -> held() == 1200);
    }

    @Test
    void theEndpointBoundSumsItsConnections() throws Exception {
        start(Limits.builder().maxHeldBytes(1000).build());
        WebTransportSession first = pair.connect("/hold", new RecordingListener());
        send(first, 700);
        eventually(() -> held() == 700);
        try (WebTransportClient otherClient = WebTransportClient.builder().sslContext(LoopbackTls.client()).build()) {
            WebTransportSession second = otherClient.connect(pair.uri("/hold"), ConnectOptions.DEFAULT,
                    new RecordingListener()).get(10, TimeUnit.SECONDS);
            assertExcessiveLoad(send(second, 700));
            assertEquals(1, counter("limit_held_bytes"));
        }
        first.close(0, "done");
        eventually(() -> held() == 0);
    }
}
