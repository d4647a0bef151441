package dev.pingpong.client;

import dev.pingpong.protocol.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The payload every PING carries ({@code --payload-size} bytes of a fixed pattern), written without a per-ping copy of the pattern source. */
final class PingPayload {

    private final ByteBuf pattern;

    PingPayload(int size) {
        if (size < 0 || size > Frames.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload size " + size + " outside 0.." + Frames.MAX_PAYLOAD_LENGTH);
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        this.pattern = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
    }

    int size() {
        return pattern.readableBytes();
    }

    /** Appends one encoded PING frame to {@code out}. */
    ByteBuf writePing(ByteBuf out, long seq, long timestamp) {
        return Frames.writePing(out, seq, timestamp, pattern);
    }

    /** True when a PONG carries a payload of the length we sent. */
    boolean matches(ByteBuf pong) {
        return Frames.payloadLength(pong) == size();
    }
}
