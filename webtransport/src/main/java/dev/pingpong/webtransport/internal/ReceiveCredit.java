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
    /** What the peer may have counted that never reaches us (see {@link #allowUnseen}); at most the max window. */
    private long unseenAllowance;
    /** The limit the peer last said it was blocked at, -1 before it did. */
    private long peerBlockedAt = -1;

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
     * peer's pace: it doubles, up to the maximum; and what the peer counted on streams that never reached us comes
     * back, as far as {@link #allowUnseen} allows. Returns the wider limit to advertise at once, else -1.
     */
    long onPeerBlocked(long blockedAt) {
        if (blockedAt != limit) {
            return -1;
        }
        peerBlockedAt = blockedAt;
        boolean widened = window < maxWindow;
        window = Math.min(maxWindow, window * 2);
        return restoreUnseen(widened);
    }

    /**
     * A peer stream ended short of its FIN (reset, or stopped by us). The peer counts the stream's final size, which
     * the QUIC stack does not report, so up to {@code amount} bytes (what QUIC let it have in flight on the stream)
     * it counted may never reach us; they can come back once the peer says it is blocked. If it already did at the
     * current limit, they come back now: the limit to advertise, else -1.
     */
    long allowUnseen(long amount) {
        unseenAllowance = Math.min(maxWindow, unseenAllowance + amount);
        return peerBlockedAt == limit ? restoreUnseen(false) : -1;
    }

    /**
     * Counts as released the part of the gap between our limit and what reached us that the allowance covers: the
     * peer, blocked, has used all of the limit by its count. Only limits rise, so no byte the peer still sends is
     * ever held against it twice.
     */
    private long restoreUnseen(boolean widened) {
        long restored = Math.min(unseenAllowance, Math.max(0, limit - used));
        unseenAllowance -= restored;
        released += restored;
        if (restored == 0 && !widened || released + window <= limit) {
            return -1;
        }
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
