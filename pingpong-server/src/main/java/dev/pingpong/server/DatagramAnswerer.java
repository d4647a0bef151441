package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportSession;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;

/** Datagram mode: one PING per datagram is sent back as one PONG datagram, the received buffer turned in place. */
final class DatagramAnswerer {

    private final ServerMetrics metrics;
    private final BadInputReporter reporter;
    private final GenericFutureListener<Future<Void>> countSent;

    DatagramAnswerer(ServerMetrics metrics, BadInputReporter reporter) {
        this.metrics = metrics;
        this.reporter = reporter;
        this.countSent = sent -> {
            if (sent.isSuccess()) {
                metrics.pongs(ServerMetrics.Mode.DATAGRAM).increment();
            } else {
                metrics.datagramSendFailures.increment();
            }
        };
    }

    /** Takes ownership of {@code datagram}. */
    void answer(WebTransportSession session, ByteBuf datagram) {
        metrics.datagramsReceived.increment();
        try {
            Frames.checkDatagram(datagram);
            Frames.turnPingIntoPong(datagram);
        } catch (ProtocolException e) {
            datagram.release();
            reporter.datagramDropped(session, e);
            return;
        }
        metrics.pings(ServerMetrics.Mode.DATAGRAM).increment();
        session.sendDatagram(datagram).addListener(countSent);
    }
}
