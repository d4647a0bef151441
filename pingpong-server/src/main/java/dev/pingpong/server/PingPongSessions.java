package dev.pingpong.server;

import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the server does with an accepted session: ping-pong on its streams and datagrams. Shared by all sessions. */
final class PingPongSessions implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(PingPongSessions.class);

    private final PingStreams streams;
    private final DatagramAnswerer datagrams;

    PingPongSessions(PingStreams streams, DatagramAnswerer datagrams) {
        this.streams = streams;
        this.datagrams = datagrams;
    }

    @Override
    public void onOpen(WebTransportSession session) {
        LOG.info("session {} open from {} protocol={} client-certificate={}", session.id(), session.remoteAddress(),
                session.protocol().orElse("none"), session.peerCertificates().isEmpty() ? "none"
                        : session.peerCertificates().get(0).getSubjectX500Principal().getName());
    }

    @Override
    public void onStream(WebTransportSession session, WebTransportStream stream) {
        streams.serve(stream);
    }

    @Override
    public void onDatagram(WebTransportSession session, ByteBuf payload) {
        datagrams.answer(session, payload);
    }

    @Override
    public void onClosed(WebTransportSession session, SessionCloseInfo info) {
        if (info.isClean()) {
            LOG.info("session {} closed code={} reason='{}' by {}", session.id(), info.code(), info.reason(),
                    info.byPeer() ? "peer" : "server");
        } else {
            LOG.info("session {} lost: {}", session.id(), info.cause().toString());
        }
    }
}
