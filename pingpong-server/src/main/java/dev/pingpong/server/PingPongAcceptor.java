package dev.pingpong.server;

import dev.pingpong.protocol.WellKnownNames;
import dev.pingpong.webtransport.SessionAcceptor;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.SessionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on session requests: a browser origin not allowed gets 403; everyone else a session, with the
 * subprotocol {@code pingpong-v1} when the client offered it. The library refuses requests over
 * {@code --max-sessions} with 429 before they get here.
 */
final class PingPongAcceptor implements SessionAcceptor {


    private static final Logger LOG = LoggerFactory.getLogger(PingPongAcceptor.class);

    private final OriginPolicy origins;
    private final SessionListener sessions;
    private final ServerMetrics metrics;

    PingPongAcceptor(OriginPolicy origins, SessionListener sessions, ServerMetrics metrics) {
        this.origins = origins;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @Override
    public void onRequest(SessionRequest request) {
        if (!origins.allows(request.origin())) {
            metrics.sessionsRefused.labels("origin").increment();
            LOG.info("refused session from {}: origin {} not allowed (403)", request.remoteAddress(),
                    request.origin().orElse(""));
            request.reject(403);
            return;
        }
        metrics.sessionsAccepted.increment();
        if (request.offeredProtocols().contains(WellKnownNames.SUBPROTOCOL)) {
            request.accept(WellKnownNames.SUBPROTOCOL, sessions);
        } else {
            request.accept(sessions);
        }
    }
}
