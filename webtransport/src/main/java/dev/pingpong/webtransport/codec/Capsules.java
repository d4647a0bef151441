package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the WebTransport capsules and reads their payloads: WT_CLOSE_SESSION, and the single number of the
 * flow-control capsules.
 */
public final class Capsules {

    /** The content of a WT_CLOSE_SESSION capsule. */
    public record CloseSession(long code, String reason) {
    }

    private Capsules() {
    }

    /** WT_CLOSE_SESSION with {@code code} (0 .. 2^32-1) and {@code reason}, cut to 1024 UTF-8 bytes. */
    public static ByteBuf closeSession(ByteBufAllocator alloc, long code, String reason) {
        if (code < 0 || code > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("WebTransport session error code out of range: " + code);
        }
        byte[] utf8 = truncateUtf8(reason == null ? "" : reason, Capsule.MAX_CLOSE_REASON_BYTES);
        int length = 4 + utf8.length;
        ByteBuf out = alloc.buffer(QuicVarint.encodedLength(Capsule.CLOSE_WEBTRANSPORT_SESSION)
                + QuicVarint.encodedLength(length) + length);
        QuicVarint.write(out, Capsule.CLOSE_WEBTRANSPORT_SESSION);
        QuicVarint.write(out, length);
        out.writeInt((int) code);
        out.writeBytes(utf8);
        return out;
    }

    public static ByteBuf drainSession(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(4);
        QuicVarint.write(out, Capsule.DRAIN_WEBTRANSPORT_SESSION);
        QuicVarint.write(out, 0);
        return out;
    }

    /**
     * A capsule whose payload is one varint: WT_MAX_DATA, WT_MAX_STREAMS, WT_DATA_BLOCKED, WT_STREAMS_BLOCKED
     * ({@code type} one of the {@code Capsule.WT_*} flow-control types).
     */
    public static ByteBuf flowControl(ByteBufAllocator alloc, long type, long value) {
        int length = QuicVarint.encodedLength(value);
        ByteBuf out = alloc.buffer(QuicVarint.encodedLength(type) + 1 + length);
        QuicVarint.write(out, type);
        QuicVarint.write(out, length);
        QuicVarint.write(out, value);
        return out;
    }

    /**
     * Reads the one varint of a flow-control capsule's payload; throws {@link IllegalArgumentException} when the
     * payload is anything else (empty, cut short, or with bytes after the number), which makes the capsule malformed.
     */
    public static long readFlowControl(ByteBuf payload) {
        long value = QuicVarint.peek(payload);
        if (value == QuicVarint.INCOMPLETE
                || QuicVarint.lengthOf(payload, payload.readerIndex()) != payload.readableBytes()) {
            throw new IllegalArgumentException("flow-control capsule payload of " + payload.readableBytes()
                    + " bytes is not exactly one varint");
        }
        return value;
    }

    /** Reads a WT_CLOSE_SESSION payload; throws {@link IllegalArgumentException} when malformed. */
    public static CloseSession readCloseSession(ByteBuf payload) {
        if (payload.readableBytes() < 4 || payload.readableBytes() > 4 + Capsule.MAX_CLOSE_REASON_BYTES) {
            throw new IllegalArgumentException("WT_CLOSE_SESSION payload of " + payload.readableBytes() + " bytes");
        }
        long code = payload.getUnsignedInt(payload.readerIndex());
        String reason = payload.toString(payload.readerIndex() + 4, payload.readableBytes() - 4,
                StandardCharsets.UTF_8);
        return new CloseSession(code, reason);
    }

    /** The longest prefix of {@code text} whose UTF-8 form fits {@code maxBytes}, never splitting a character. */
    static byte[] truncateUtf8(String text, int maxBytes) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= maxBytes) {
            return utf8;
        }
        int end = maxBytes;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--;
        }
        return Arrays.copyOf(utf8, end);
    }
}
