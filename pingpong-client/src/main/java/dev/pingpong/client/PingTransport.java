package dev.pingpong.client;

import io.netty.buffer.ByteBuf;

/** Carries PINGs of one session, on a stream or as datagrams. Called on the session loop's thread. */
interface PingTransport {

    /** Writes one PING; nothing goes out before {@link #flush()}. */
    void write(long seq, long timestampNanos);

    void flush();

    /** A datagram of the session arrived (on its I/O thread); takes ownership. Only datagram mode expects any. */
    default void datagram(ByteBuf payload) {
        payload.release();
    }

    /** Stops reading pongs and releases what the transport holds; the session itself is closed by its owner. */
    void close();

    /** Where a transport delivers what arrives. Called on the I/O thread. */
    interface PongSink {

        /** A PONG for {@code seq} arrived at {@code receivedNanos} (System.nanoTime). */
        void pong(long seq, long receivedNanos);

        /** The transport cannot carry pings any more (stream ended or reset, or the server broke the protocol). */
        void broken(String reason);
    }
}
