package dev.pingpong.server;

import dev.pingpong.webtransport.WebTransportErrorCodes;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A client stream that collects what the server sends, and notices a FIN or a reset. */
final class TestStream {

    final WebTransportStream stream;
    private final ByteBuf received = Unpooled.buffer();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final CompletableFuture<OptionalLong> reset = new CompletableFuture<>();

    TestStream(WebTransportStream stream) {
        this.stream = stream;
        stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf bytes = (ByteBuf) msg;
                synchronized (received) {
                    received.writeBytes(bytes);
                    received.notifyAll();
                }
                bytes.release();
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt == ChannelInputShutdownEvent.INSTANCE) {
                    finished.complete(null);
                }
                ctx.fireUserEventTriggered(evt);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                reset.complete(WebTransportErrorCodes.fromReset(cause));
            }
        });
    }

    void write(ByteBuf bytes) {
        stream.channel().writeAndFlush(bytes);
    }

    void write(String text) {
        write(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    void finish() {
        stream.finish();
    }

    /** Waits for {@code length} bytes and takes them off the front (a heap copy the caller releases). */
    ByteBuf read(int length, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (received) {
            while (received.readableBytes() < length) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    fail("got " + received.readableBytes() + " of " + length + " bytes within " + wait);
                }
                received.wait(left);
            }
            ByteBuf taken = received.readBytes(length);
            received.discardSomeReadBytes();
            return taken;
        }
    }

    String readText(int length) throws InterruptedException {
        ByteBuf bytes = read(length, TestClient.WAIT);
        try {
            return bytes.toString(StandardCharsets.US_ASCII);
        } finally {
            bytes.release();
        }
    }

    /** The WebTransport application error code of the server's reset of this stream. */
    long awaitReset() throws Exception {
        OptionalLong code = reset.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(code.isPresent(), "a reset carrying a WebTransport application error code");
        return code.getAsLong();
    }

    void awaitFin() throws Exception {
        finished.get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean wasReset() {
        return reset.isDone();
    }
}
