package dev.pingpong.webtransport.internal;

/**
 * Credit the peer grants us for one resource of a session (stream body bytes, or the streams of one direction): its
 * limit, raised by its WT_MAX_* capsules, and what we used of it.
 */
final class SendCredit {

    private long limit;
    private long used;
    private long blockedReportedAt = -1;

    SendCredit(long initialLimit) {
        this.limit = initialLimit;
    }

    long available() {
        return limit - used;
    }

    /** Uses up to {@code wanted} of what is available; returns how much. */
    long take(long wanted) {
        long taken = Math.min(wanted, available());
        used += taken;
        return taken;
    }

    /** Applies a new limit from the peer; false when it does not increase the limit, which the draft makes an error. */
    boolean raise(long newLimit) {
        if (newLimit <= limit) {
            return false;
        }
        limit = newLimit;
        return true;
    }

    /** True once per limit we are blocked at: then a WT_*_BLOCKED capsule carrying {@link #limit()} is due. */
    boolean blockedReportDue() {
        if (blockedReportedAt == limit) {
            return false;
        }
        blockedReportedAt = limit;
        return true;
    }

    long limit() {
        return limit;
    }
}
