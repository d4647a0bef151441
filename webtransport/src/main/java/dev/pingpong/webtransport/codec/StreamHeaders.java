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

    /** {@link #readBidiSessionId}: the stream's first bytes are not all here yet. */
    public static final long INCOMPLETE = -1;
    /** {@link #readBidiSessionId}: the stream starts with something else (an HTTP/3 frame). */
    public static final long NOT_WEBTRANSPORT = -2;

    private StreamHeaders() {
    }

    /**
     * Reads the header of a peer-opened bidirectional stream: the session id, consumed with the signal, when the
     * stream is a WebTransport one; else {@link #INCOMPLETE} or {@link #NOT_WEBTRANSPORT}, consuming nothing.
     */
    public static long readBidiSessionId(ByteBuf in) {
        long signal = QuicVarint.peek(in);
        if (signal == QuicVarint.INCOMPLETE) {
            return INCOMPLETE;
        }
        if (signal != BIDI_SIGNAL) {
            return NOT_WEBTRANSPORT;
        }
        long sessionId = QuicVarint.peek(in, in.readerIndex() + QuicVarint.lengthOf(in, in.readerIndex()));
        if (sessionId == QuicVarint.INCOMPLETE) {
            return INCOMPLETE;
        }
        QuicVarint.read(in);
        QuicVarint.read(in);
        return sessionId;
    }

    public static ByteBuf encode(ByteBufAllocator alloc, boolean bidirectional, long sessionId) {
        long type = bidirectional ? BIDI_SIGNAL : UNI_STREAM_TYPE;
        ByteBuf out = alloc.directBuffer(QuicVarint.encodedLength(type) + QuicVarint.encodedLength(sessionId));
        QuicVarint.write(out, type);
        QuicVarint.write(out, sessionId);
        return out;
    }
}
