package dev.pingpong.webtransport;

/**
 * How a session ended.
 *
 * @param code     the WT_CLOSE_SESSION code (0 when the session ended without a capsule)
 * @param reason   the WT_CLOSE_SESSION reason ("" when none)
 * @param byPeer   true when the peer ended it
 * @param cause    set when the session was lost rather than closed (connection closed, reset, idle timeout), else null
 */
public record SessionCloseInfo(long code, String reason, boolean byPeer, Throwable cause) {

    public boolean isClean() {
        return cause == null;
    }
}
