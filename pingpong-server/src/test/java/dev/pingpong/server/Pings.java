package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Building PINGs and checking PONGs in tests. */
final class Pings {

    private Pings() {
    }

    static ByteBuf ping(long seq, int payloadLength) {
        return Frames.writePing(Unpooled.buffer(), seq, seq * 1000 + 7, payload(seq, payloadLength));
    }

    static ByteBuf payload(long seq, int length) {
        ByteBuf payload = Unpooled.buffer(length);
        for (int i = 0; i < length; i++) {
            payload.writeByte((int) (seq + i));
        }
        return payload;
    }

    /** Asserts {@code pong} answers {@link #ping(long, int)} and releases it. */
    static void assertPong(long seq, int payloadLength, ByteBuf pong) {
        try {
            assertEquals(Frames.frameLength(payloadLength), pong.readableBytes(), "frame length");
            assertEquals(Frames.PONG, Frames.type(pong));
            assertEquals(seq, Frames.seq(pong));
            assertEquals(seq * 1000 + 7, Frames.timestamp(pong));
            assertEquals(payloadLength, Frames.payloadLength(pong));
            ByteBuf expected = payload(seq, payloadLength);
            assertEquals(expected, Frames.payload(pong), "payload echoed verbatim");
            expected.release();
        } finally {
            pong.release();
        }
    }

    static void pingPong(TestStream stream, long seq, int payloadLength) throws InterruptedException {
        stream.write(ping(seq, payloadLength));
        assertPong(seq, payloadLength, stream.read(Frames.frameLength(payloadLength), TestClient.WAIT));
    }

    /** Polls {@code condition} until it holds or {@code wait} passes. */
    static void eventually(String what, Duration wait, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " within " + wait);
            }
            Thread.sleep(20);
        }
    }
}
