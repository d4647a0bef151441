package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts bad input by kind and ends what carried it. A bad stream is aborted with the kind's code and the reason,
 * which the library logs with the peer's address, a flood of one kind summed up in a line per interval; a dropped
 * datagram gets only a debug line, since datagrams cost a peer nothing to send and are counted anyway.
 */
final class BadInputReporter {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputReporter.class);

    private final ServerMetrics metrics;

    BadInputReporter(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    /** Aborts a stream that carried bad input. */
    void rejectStream(WebTransportStream stream, ProtocolException bad) {
        abort(stream, bad.kind(), bad.getMessage());
    }

    /** Aborts a stream of a kind the protocol does not use. */
    void refuseStream(WebTransportStream stream, BadInput kind) {
        abort(stream, kind, "not used by protocol v1");
    }

    private void abort(WebTransportStream stream, BadInput kind, String detail) {
        metrics.badInput(kind).increment();
        stream.abort(kind.applicationErrorCode(), kind.label() + ": " + detail);
    }

    void datagramDropped(WebTransportSession session, ProtocolException bad) {
        metrics.badInput(bad.kind()).increment();
        LOG.debug("session {} of {}: dropped datagram for {}: {}", session.id(), session.remoteAddress(),
                bad.kind().label(), bad.getMessage());
    }
}
