package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.DefaultByteBufHolder;

/** One capsule (RFC 9297) read from a CONNECT stream: its type and its payload, owned by the receiver. */
public final class Capsule extends DefaultByteBufHolder {

    /** WT_CLOSE_SESSION: 32-bit application error code, then a UTF-8 reason of at most 1024 bytes. */
    public static final long CLOSE_WEBTRANSPORT_SESSION = 0x2843;
    /** WT_DRAIN_SESSION: no payload. */
    public static final long DRAIN_WEBTRANSPORT_SESSION = 0x78ae;

    public static final int MAX_CLOSE_REASON_BYTES = 1024;

    private final long type;

    public Capsule(long type, ByteBuf payload) {
        super(payload);
        this.type = type;
    }

    public long type() {
        return type;
    }

    @Override
    public ByteBufHolder replace(ByteBuf content) {
        return new Capsule(type, content);
    }

    @Override
    public String toString() {
        return "Capsule(type=0x" + Long.toHexString(type) + ", length=" + content().readableBytes() + ")";
    }
}
