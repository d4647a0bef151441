package dev.pingpong.webtransport.internal;

/**
 * One session's place within the endpoint's {@code maxSessions} and its connection's
 * {@code maxSessionsPerConnection}. It is reserved when a CONNECT is let in and passes from the request to the
 * session; whoever ends it (a refusal, the handshake timeout, the session's end) releases it, and only the first
 * release counts. Used on the connection's event loop only.
 */
final class SessionSlot {

    /** What a reservation found. */
    enum Outcome { RESERVED, ENDPOINT_FULL, CONNECTION_FULL }

    private final WebTransportConnection connection;
    private final Outcome outcome;
    private boolean released;

    private SessionSlot(WebTransportConnection connection, Outcome outcome) {
        this.connection = connection;
        this.outcome = outcome;
        this.released = outcome != Outcome.RESERVED;
    }

    /** Takes a place on the endpoint, then on the connection. */
    static SessionSlot reserve(WebTransportConnection connection) {
        EndpointCounters counters = connection.endpoint().counters();
        if (!counters.tryOpenSession(connection.endpoint().limits().maxSessions())) {
            return new SessionSlot(connection, Outcome.ENDPOINT_FULL);
        }
        if (!connection.tryReserveSession()) {
            counters.sessionEnded();
            return new SessionSlot(connection, Outcome.CONNECTION_FULL);
        }
        return new SessionSlot(connection, Outcome.RESERVED);
    }

    Outcome outcome() {
        return outcome;
    }

    boolean isReserved() {
        return outcome == Outcome.RESERVED;
    }

    /** Gives the place back; a second call, or one on a slot that was never reserved, does nothing. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        connection.releaseSession();
        connection.endpoint().counters().sessionEnded();
    }
}
