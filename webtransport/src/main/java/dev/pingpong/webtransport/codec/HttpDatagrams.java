package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * HTTP datagrams (RFC 9297): a QUIC DATAGRAM frame carries the quarter stream id of the CONNECT stream
 * (session id / 4) as a varint, then the payload.
 */
public final class HttpDatagrams {

    private HttpDatagrams() {
    }

    public static int prefixLength(long sessionId) {
        return QuicVarint.encodedLength(sessionId >>> 2);
    }

    /**
     * Frames {@code payload} for {@code sessionId}, taking ownership of it. When the payload leaves room for the
     * prefix before its reader index and nothing else can see that memory (not shared, not a view, writable), the
     * prefix is written there and the payload itself is returned: no copy (a received datagram answered in place has
     * exactly that room). Otherwise the payload is copied behind the prefix into a new buffer and released.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, long sessionId, ByteBuf payload) {
        int prefix = prefixLength(sessionId);
        if (payload.readerIndex() >= prefix && payload.refCnt() == 1 && payload.unwrap() == null && !payload.isReadOnly()) {
            int end = payload.writerIndex();
            int start = payload.readerIndex() - prefix;
            payload.readerIndex(start).writerIndex(start);
            QuicVarint.write(payload, sessionId >>> 2);
            return payload.writerIndex(end);
        }
        try {
            ByteBuf out = alloc.directBuffer(prefix + payload.readableBytes());
            QuicVarint.write(out, sessionId >>> 2);
            out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            return out;
        } finally {
            payload.release();
        }
    }

    /** RFC 9297: a quarter stream id above this is malformed (stream ids end at 2^62 - 1). */
    static final long MAX_QUARTER_STREAM_ID = (1L << 60) - 1;

    /**
     * Reads the session id of a received datagram and advances past the prefix; -1, with nothing consumed,
     * when the datagram holds no valid prefix: too short, or a quarter stream id above 2^60 - 1 (found by
     * fuzzing: shifted, such an id became a negative session id).
     */
    public static long readSessionId(ByteBuf datagram) {
        int start = datagram.readerIndex();
        long quarterStreamId = QuicVarint.read(datagram);
        if (quarterStreamId == QuicVarint.INCOMPLETE || quarterStreamId > MAX_QUARTER_STREAM_ID) {
            datagram.readerIndex(start);
            return -1;
        }
        return quarterStreamId << 2;
    }
}
