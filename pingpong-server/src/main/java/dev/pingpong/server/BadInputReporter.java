package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.handler.codec.quic.QuicStreamChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts bad input by kind and logs it. A reset stream gets one line; a dropped datagram only a debug line,
 * since datagrams cost a peer nothing to send and are counted anyway.
 */
final class BadInputReporter {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputReporter.class);

    private final ServerMetrics metrics;

    BadInputReporter(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    void streamRejected(WebTransportStream stream, ProtocolException bad) {
        metrics.badInput(bad.kind()).increment();
        LOG.info("session {} of {} stream {}: reset with code 0x{} for {}: {}", stream.session().id(),
                stream.session().remoteAddress(), streamId(stream),
                Long.toHexString(bad.kind().applicationErrorCode()), bad.kind().label(), bad.getMessage());
    }

    void streamRefused(WebTransportStream stream, BadInput kind) {
        metrics.badInput(kind).increment();
        LOG.info("session {} of {} stream {}: refused with code 0x{} for {}", stream.session().id(),
                stream.session().remoteAddress(), streamId(stream),
                Long.toHexString(kind.applicationErrorCode()), kind.label());
    }

    void datagramDropped(WebTransportSession session, ProtocolException bad) {
        metrics.badInput(bad.kind()).increment();
        LOG.debug("session {} of {}: dropped datagram for {}: {}", session.id(), session.remoteAddress(),
                bad.kind().label(), bad.getMessage());
    }

    private static Object streamId(WebTransportStream stream) {
        return stream.channel() instanceof QuicStreamChannel quic ? quic.streamId() : stream.channel().id();
    }
}
