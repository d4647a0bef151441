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

    /** Frames {@code payload} for {@code sessionId}; consumes (releases) {@code payload}. */
    public static ByteBuf encode(ByteBufAllocator alloc, long sessionId, ByteBuf payload) {
        try {
            ByteBuf out = alloc.directBuffer(prefixLength(sessionId) + payload.readableBytes());
            QuicVarint.write(out, sessionId >>> 2);
            out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
            return out;
        } finally {
            payload.release();
        }
    }

    /**
     * Reads the session id of a received datagram and advances past the prefix; -1 when the datagram is
     * too short to hold one.
     */
    public static long readSessionId(ByteBuf datagram) {
        long quarterStreamId = QuicVarint.read(datagram);
        return quarterStreamId == QuicVarint.INCOMPLETE ? -1 : quarterStreamId << 2;
    }
}
