package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;

/** What an application hears from a session. Every method runs on the session's event loop and must not block. */
public interface SessionListener {

    /** The session is established: streams and datagrams may flow. */
    default void onOpen(WebTransportSession session) {
    }

    /** The peer opened a stream. The listener owns it; by default it is refused. */
    default void onStream(WebTransportSession session, WebTransportStream stream) {
        // A peer's unidirectional stream only receives: it can be stopped, not reset.
        if (stream.isBidirectional()) {
            stream.reset(0);
        }
        stream.stopSending(0);
    }

    /** A datagram arrived; the listener owns {@code payload} and must release it. */
    default void onDatagram(WebTransportSession session, ByteBuf payload) {
        payload.release();
    }

    /** The peer sent WT_DRAIN_SESSION. */
    default void onDraining(WebTransportSession session) {
    }

    /** The session has ended; called exactly once. */
    default void onClosed(WebTransportSession session, SessionCloseInfo info) {
    }
}
