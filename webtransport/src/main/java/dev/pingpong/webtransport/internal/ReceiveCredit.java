package dev.pingpong.webtransport.internal;

/**
 * Credit we grant the peer for one resource of a session: stream body bytes, or the streams of one direction. The
 * peer uses it up to the limit we advertised; as the application is done with what it used (bytes delivered,
 * streams closed) the limit moves on, so that a window stays open ahead of what was released. Like QUIC, a new limit
 * is advertised only once half the window is released, not for every byte.
 */
final class ReceiveCredit {

    private final long maxWindow;
    private long window;
    private long limit;
    private long used;
    private long released;

    /** Starts with {@code window} granted (the figure our SETTINGS advertised); the window may grow to {@code maxWindow}. */
    ReceiveCredit(long window, long maxWindow) {
        this.window = window;
        this.maxWindow = maxWindow;
        this.limit = window;
    }

    /** Counts what the peer used; false when that passes the limit we advertised, a flow-control error. */
    boolean use(long amount) {
        used += amount;
        return used <= limit;
    }

    /** The application is done with {@code amount}: the new limit to advertise, or -1 while the current one suffices. */
    long release(long amount) {
        released += amount;
        if (limit - released > window / 2) {
            return -1;
        }
        limit = released + window;
        return limit;
    }

    /**
     * The peer says it was blocked at {@code blockedAt}. At our current limit, the window was too small for the
     * peer's pace: it doubles, up to the maximum, and the wider limit is returned to advertise at once; else -1.
     */
    long onPeerBlocked(long blockedAt) {
        if (blockedAt != limit || window >= maxWindow) {
            return -1;
        }
        window = Math.min(maxWindow, window * 2);
        limit = released + window;
        return limit;
    }

    long limit() {
        return limit;
    }

    long used() {
        return used;
    }
}
