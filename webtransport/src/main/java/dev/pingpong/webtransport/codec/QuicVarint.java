package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;

/** QUIC variable-length integers (RFC 9000 section 16): 1, 2, 4 or 8 bytes, values 0 .. 2^62-1. */
public final class QuicVarint {

    public static final long MAX_VALUE = (1L << 62) - 1;

    /** Returned by {@link #peek} when the buffer does not yet hold the whole varint. */
    public static final long INCOMPLETE = -1;

    private QuicVarint() {
    }

    public static int encodedLength(long value) {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("varint out of range: " + value);
        }
        if (value < 1 << 6) {
            return 1;
        }
        if (value < 1 << 14) {
            return 2;
        }
        if (value < 1L << 30) {
            return 4;
        }
        return 8;
    }

    /** Length of the varint starting at {@code buf.readerIndex()}, from its first byte. */
    public static int lengthOf(ByteBuf buf, int index) {
        return 1 << ((buf.getByte(index) & 0xC0) >> 6);
    }

    public static void write(ByteBuf out, long value) {
        switch (encodedLength(value)) {
            case 1 -> out.writeByte((int) value);
            case 2 -> out.writeShort((int) value | 0x4000);
            case 4 -> out.writeInt((int) value | 0x8000_0000);
            default -> out.writeLong(value | 0xC000_0000_0000_0000L);
        }
    }

    /** Reads the varint at the reader index without moving it; {@link #INCOMPLETE} when bytes are missing. */
    public static long peek(ByteBuf buf) {
        return peek(buf, buf.readerIndex());
    }

    public static long peek(ByteBuf buf, int index) {
        if (buf.writerIndex() <= index) {
            return INCOMPLETE;
        }
        int length = lengthOf(buf, index);
        if (buf.writerIndex() - index < length) {
            return INCOMPLETE;
        }
        return switch (length) {
            case 1 -> buf.getByte(index) & 0x3F;
            case 2 -> buf.getShort(index) & 0x3FFF;
            case 4 -> buf.getInt(index) & 0x3FFF_FFFFL;
            default -> buf.getLong(index) & 0x3FFF_FFFF_FFFF_FFFFL;
        };
    }

    /** Reads and consumes a varint; {@link #INCOMPLETE} (nothing consumed) when bytes are missing. */
    public static long read(ByteBuf buf) {
        long value = peek(buf);
        if (value != INCOMPLETE) {
            buf.skipBytes(lengthOf(buf, buf.readerIndex()));
        }
        return value;
    }
}
