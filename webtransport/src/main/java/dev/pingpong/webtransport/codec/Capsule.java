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

    /** WT_MAX_DATA (draft-ietf-webtrans-http3-13 .. -16): the session's cumulative stream body byte limit. */
    public static final long WT_MAX_DATA = 0x190B4D3DL;
    /** WT_MAX_STREAMS for bidirectional streams: the cumulative number the peer may open in the session. */
    public static final long WT_MAX_STREAMS_BIDI = 0x190B4D3FL;
    /** WT_MAX_STREAMS for unidirectional streams. */
    public static final long WT_MAX_STREAMS_UNI = 0x190B4D40L;
    /** WT_DATA_BLOCKED: the sender could not send at the WT_MAX_DATA limit it carries. */
    public static final long WT_DATA_BLOCKED = 0x190B4D41L;
    /** WT_STREAMS_BLOCKED for bidirectional streams: the sender could not open one at the limit it carries. */
    public static final long WT_STREAMS_BLOCKED_BIDI = 0x190B4D43L;
    /** WT_STREAMS_BLOCKED for unidirectional streams. */
    public static final long WT_STREAMS_BLOCKED_UNI = 0x190B4D44L;
    /** WT_MAX_STREAM_DATA of WebTransport over HTTP/2: prohibited over HTTP/3, a session error. */
    public static final long WT_MAX_STREAM_DATA = 0x190B4D3EL;
    /** WT_STREAM_DATA_BLOCKED of WebTransport over HTTP/2: prohibited over HTTP/3, a session error. */
    public static final long WT_STREAM_DATA_BLOCKED = 0x190B4D42L;

    /** The largest Maximum Streams value a capsule may carry (stream ids end at 2^62-1). */
    public static final long MAX_STREAMS_VALUE = 1L << 60;

    public static final int MAX_CLOSE_REASON_BYTES = 1024;

    private final long type;

    public Capsule(long type, ByteBuf payload) {
        super(payload);
        this.type = type;
    }

    public long type() {
        return type;
    }

    /** True for the flow-control capsules (and the two HTTP/2-only ones that are an error over HTTP/3). */
    public static boolean isFlowControl(long type) {
        return type >= WT_MAX_DATA && type <= WT_STREAMS_BLOCKED_UNI;
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
