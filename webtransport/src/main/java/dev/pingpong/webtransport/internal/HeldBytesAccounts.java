package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;

/**
 * The accounts a stream's held bytes (see {@code WebTransportStream.holdReceivedBytes}) count in: its session's, its
 * connection's and its endpoint's, each against its own bound in {@link Limits}.
 */
final class HeldBytesAccounts {

    private final Limits limits;
    private final BoundedCount session = new BoundedCount();
    private final BoundedCount connection;
    private final BoundedCount endpoint;

    HeldBytesAccounts(Limits limits, BoundedCount connection, BoundedCount endpoint) {
        this.limits = limits;
        this.connection = connection;
        this.endpoint = endpoint;
    }

    /**
     * Moves a stream's figure by {@code change} to {@code streamTotal}; giving back always works. Returns null when it
     * fits, else the counter of the first bound it would pass, and then nothing changed.
     */
    String tryChange(long change, long streamTotal) {
        if (change <= 0) {
            giveBack(-change);
            return null;
        }
        if (streamTotal > limits.maxHeldBytesPerStream()) {
            return EndpointCounters.LIMIT_HELD_BYTES_PER_STREAM;
        }
        if (!session.tryAdd(change, limits.maxHeldBytesPerSession())) {
            return EndpointCounters.LIMIT_HELD_BYTES_PER_SESSION;
        }
        if (!connection.tryAdd(change, limits.maxHeldBytesPerConnection())) {
            session.subtract(change);
            return EndpointCounters.LIMIT_HELD_BYTES_PER_CONNECTION;
        }
        if (!endpoint.tryAdd(change, limits.maxHeldBytes())) {
            session.subtract(change);
            connection.subtract(change);
            return EndpointCounters.LIMIT_HELD_BYTES;
        }
        return null;
    }

    void giveBack(long amount) {
        session.subtract(amount);
        connection.subtract(amount);
        endpoint.subtract(amount);
    }
}
