package dev.pingpong.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Protocol v1 frames as functions over {@link ByteBuf}. A frame is, big-endian:
 * type (1 byte), seq (8), timestamp (8), payload length (2), payload.
 * Accessors read a frame that starts at the buffer's reader index, without moving any index or copying.
 */
public final class Frames {

    public static final byte PING = 0x01;
    public static final byte PONG = 0x02;

    public static final int TYPE_OFFSET = 0;
    public static final int SEQ_OFFSET = 1;
    public static final int TIMESTAMP_OFFSET = 9;
    public static final int LENGTH_OFFSET = 17;
    public static final int HEADER_LENGTH = 19;
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFF;
    public static final int MAX_FRAME_LENGTH = HEADER_LENGTH + MAX_PAYLOAD_LENGTH;

    private Frames() {
    }

    /** Appends a PING carrying the readable bytes of {@code payload} (left untouched) to {@code out}. */
    public static ByteBuf writePing(ByteBuf out, long seq, long timestamp, ByteBuf payload) {
        return writeFrame(out, PING, seq, timestamp, payload);
    }

    /** Appends a PONG carrying the readable bytes of {@code payload} (left untouched) to {@code out}. */
    public static ByteBuf writePong(ByteBuf out, long seq, long timestamp, ByteBuf payload) {
        return writeFrame(out, PONG, seq, timestamp, payload);
    }

    /**
     * Appends only a header; the caller writes exactly {@code payloadLength} payload bytes after it
     * (e.g. from a shared buffer, to send large payloads without building them per ping).
     */
    public static ByteBuf writeHeader(ByteBuf out, byte type, long seq, long timestamp, int payloadLength) {
        checkType(type);
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload length " + payloadLength + " outside 0.." + MAX_PAYLOAD_LENGTH);
        }
        return out.writeByte(type).writeLong(seq).writeLong(timestamp).writeShort(payloadLength);
    }

    private static ByteBuf writeFrame(ByteBuf out, byte type, long seq, long timestamp, ByteBuf payload) {
        int length = payload.readableBytes();
        writeHeader(out, type, seq, timestamp, length);
        return out.writeBytes(payload, payload.readerIndex(), length);
    }

    /** The encoded size of a frame with this payload length. */
    public static int frameLength(int payloadLength) {
        return HEADER_LENGTH + payloadLength;
    }

    /**
     * The length of the frame at the reader index of a stream cumulation once all of it has arrived,
     * or -1 while more bytes are needed.
     *
     * @throws ProtocolException {@link BadInput#UNKNOWN_TYPE} as soon as the type byte is readable and wrong
     */
    public static int completeFrameLength(ByteBuf in) {
        int readable = in.readableBytes();
        if (readable == 0) {
            return -1;
        }
        checkKnownType(in.getByte(in.readerIndex() + TYPE_OFFSET));
        if (readable < HEADER_LENGTH) {
            return -1;
        }
        int length = frameLength(payloadLength(in));
        return readable >= length ? length : -1;
    }

    /**
     * Checks that a datagram holds exactly one whole frame of a known type.
     *
     * @throws ProtocolException naming what is wrong
     */
    public static void checkDatagram(ByteBuf datagram) {
        int readable = datagram.readableBytes();
        if (readable < HEADER_LENGTH) {
            throw new ProtocolException(BadInput.DATAGRAM_TOO_SHORT,
                    "datagram of " + readable + " bytes is shorter than a frame header (" + HEADER_LENGTH + ")");
        }
        checkKnownType(type(datagram));
        int expected = frameLength(payloadLength(datagram));
        if (readable < expected) {
            throw new ProtocolException(BadInput.DATAGRAM_LENGTH_MISMATCH,
                    "datagram of " + readable + " bytes declares a frame of " + expected);
        }
        if (readable > expected) {
            throw new ProtocolException(BadInput.DATAGRAM_TRAILING_BYTES,
                    "datagram of " + readable + " bytes carries " + (readable - expected) + " bytes after its frame");
        }
    }

    public static byte type(ByteBuf frame) {
        return frame.getByte(frame.readerIndex() + TYPE_OFFSET);
    }

    public static long seq(ByteBuf frame) {
        return frame.getLong(frame.readerIndex() + SEQ_OFFSET);
    }

    public static long timestamp(ByteBuf frame) {
        return frame.getLong(frame.readerIndex() + TIMESTAMP_OFFSET);
    }

    public static int payloadLength(ByteBuf frame) {
        return frame.getUnsignedShort(frame.readerIndex() + LENGTH_OFFSET);
    }

    /** A slice of the payload sharing the frame's memory and reference count. */
    public static ByteBuf payload(ByteBuf frame) {
        return frame.slice(frame.readerIndex() + HEADER_LENGTH, payloadLength(frame));
    }

    /**
     * Turns the PING at the reader index into its PONG in place: same seq, timestamp and payload,
     * so the very bytes received can be written back.
     *
     * @throws ProtocolException {@link BadInput#UNEXPECTED_TYPE} when the frame is not a PING
     */
    public static void turnPingIntoPong(ByteBuf frame) {
        byte type = type(frame);
        if (type != PING) {
            checkKnownType(type);
            throw new ProtocolException(BadInput.UNEXPECTED_TYPE, "expected a PING, got type " + hex(type));
        }
        frame.setByte(frame.readerIndex() + TYPE_OFFSET, PONG);
    }

    private static void checkKnownType(byte type) {
        if (type != PING && type != PONG) {
            throw new ProtocolException(BadInput.UNKNOWN_TYPE, "unknown frame type " + hex(type));
        }
    }

    private static void checkType(byte type) {
        if (type != PING && type != PONG) {
            throw new IllegalArgumentException("frame type must be PING or PONG, not " + hex(type));
        }
    }

    private static String hex(byte type) {
        return String.format("0x%02x", type & 0xFF);
    }
}
