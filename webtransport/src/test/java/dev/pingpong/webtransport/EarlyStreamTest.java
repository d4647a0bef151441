package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicStreamChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A client's stream sent before its session is accepted waits at the server, then reaches the session. */
@Timeout(30)
class EarlyStreamTest {

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aStreamOpenedBeforeTheAcceptIsHeldThenEchoed() throws Exception {
        CompletableFuture<SessionRequest> undecided = new CompletableFuture<>();
        pair = new LoopbackPair(WebTransportServer.builder().route("/slow", undecided::complete));
        try (RawHttp3Client raw = new RawHttp3Client(pair.port(), RawHttp3Client.draft16Settings())) {
            CompletableFuture<Http3Headers> answer = raw.request(RawHttp3Client.connect("webtransport-h3", "/slow"),
                    false);
            SessionRequest request = undecided.get(5, TimeUnit.SECONDS);

            CompletableFuture<String> echoed = new CompletableFuture<>();
            StringBuilder received = new StringBuilder();
            QuicStreamChannel stream = raw.rawBidirectionalStream(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    received.append(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
                    ((ByteBuf) msg).release();
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof ChannelInputShutdownEvent) {
                        echoed.complete(received.toString());
                    }
                }
            });
            // WT_STREAM signal 0x41 (two-byte varint), session id 0 (the CONNECT's stream), payload, FIN.
            stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40, 0x41, 0x00, 'e', 'a', 'r', 'l', 'y'}))
                    .addListener(f -> stream.shutdownOutput());
            while (pair.server.stats().counters().get("streams_buffered") < 1) {
                Thread.sleep(10);
            }
            assertFalse(echoed.isDone(), "no session yet, nothing read");

            request.accept(new EchoListener());
            assertEquals("200", answer.get(5, TimeUnit.SECONDS).status().toString());
            assertEquals("early", echoed.get(5, TimeUnit.SECONDS));
        }
    }
}
