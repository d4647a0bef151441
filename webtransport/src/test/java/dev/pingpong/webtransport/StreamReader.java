package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Collects what a stream receives; {@link #finished} completes with all of it at FIN, or fails on a reset. */
class StreamReader extends ChannelInboundHandlerAdapter {

    final WebTransportStream stream;
    final CompletableFuture<byte[]> finished = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    StreamReader(WebTransportStream stream) {
        this.stream = stream;
    }

    /**
     * Opens a bidi stream with a reader attached as soon as it exists, before the peer can answer on it (a
     * refusal may come back before {@code get()} on the open future returns).
     */
    static CompletableFuture<StreamReader> openBidirectional(WebTransportSession session) {
        CompletableFuture<StreamReader> opened = new CompletableFuture<>();
        session.openBidirectionalStream().addListener(f -> {
            if (!f.isSuccess()) {
                opened.completeExceptionally(f.cause());
                return;
            }
            StreamReader reader = new StreamReader((WebTransportStream) f.getNow());
            reader.stream.channel().pipeline().addLast(reader);
            opened.complete(reader);
        });
        return opened;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        byte[] bytes = new byte[data.readableBytes()];
        data.readBytes(bytes);
        data.release();
        synchronized (received) {
            received.writeBytes(bytes);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            synchronized (received) {
                finished.complete(received.toByteArray());
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finished.completeExceptionally(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finished.completeExceptionally(new IllegalStateException("stream closed before FIN"));
        ctx.fireChannelInactive();
    }

    /** Opens a bidi stream on {@code session} (served by {@link EchoListener}) and checks {@code text} comes back. */
    static void assertEchoes(WebTransportSession session, String text) throws Exception {
        StreamReader reader = openBidirectional(session).get(5, TimeUnit.SECONDS);
        reader.stream.channel().writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        reader.stream.finish();
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), reader.finished.get(5, TimeUnit.SECONDS));
    }
}
