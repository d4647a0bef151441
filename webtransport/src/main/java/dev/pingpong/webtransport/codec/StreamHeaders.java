package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The first bytes of a WebTransport stream: a signal value (bidirectional) or stream type (unidirectional),
 * then the session id.
 */
public final class StreamHeaders {

    /** WT_STREAM signal that starts a bidirectional WebTransport stream, in place of an HTTP/3 frame type. */
    public static final long BIDI_SIGNAL = 0x41;
    /** Unidirectional stream type of a WebTransport stream. */
    public static final long UNI_STREAM_TYPE = 0x54;

    private StreamHeaders() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc, boolean bidirectional, long sessionId) {
        long type = bidirectional ? BIDI_SIGNAL : UNI_STREAM_TYPE;
        ByteBuf out = alloc.directBuffer(QuicVarint.encodedLength(type) + QuicVarint.encodedLength(sessionId));
        QuicVarint.write(out, type);
        QuicVarint.write(out, sessionId);
        return out;
    }
}
