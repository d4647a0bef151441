package dev.pingpong.webtransport.internal;

import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Datagrams sent while the connection reads (answers, a window refilled by what arrived) leave together when the
 * read ends: each flush of the QUIC connection has quiche build its packets at once, so a flush per datagram costs a
 * QUIC packet and a UDP datagram per datagram, where a flush per read packs as many DATAGRAM frames into one packet
 * as fit. A datagram sent outside a read still leaves at once.
 */
final class DatagramFlushes {

    private DatagramFlushes() {
    }

    /**
     * First on a QUIC connection's pipeline, so it sees every read of the connection; flushes at the latest after
     * {@code queuedDatagrams} sends (quiche's queue: more would not fit it).
     */
    static FlushConsolidationHandler newHandler(int queuedDatagrams) {
        return new FlushConsolidationHandler(queuedDatagrams, false);
    }
}
