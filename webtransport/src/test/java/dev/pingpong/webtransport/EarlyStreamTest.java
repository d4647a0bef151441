package dev.pingpong.webtransport;

import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3Settings;
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
        Http3Settings draft16 = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        draft16.put(WebTransportSettings.WT_ENABLED, 1L);
        try (RawHttp3Client raw = new RawHttp3Client(pair.port(), draft16)) {
            Http3Headers connect = new DefaultHttp3Headers().method("CONNECT").protocol("webtransport-h3")
                    .scheme("https").authority("127.0.0.1:" + pair.port()).path("/slow");
            CompletableFuture<Http3Headers> answer = raw.request(connect, false);
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
