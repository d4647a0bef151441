package dev.pingpong.server;

import dev.pingpong.protocol.WellKnownNames;
import dev.pingpong.webtransport.SessionAcceptor;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.SessionRequest;

/**
 * Decides on session requests: a browser origin not allowed gets 403; everyone else a session, with the
 * subprotocol {@code pingpong-v1} when the client offered it. The library refuses requests over
 * {@code --max-sessions} with 429 before they get here.
 */
final class PingPongAcceptor implements SessionAcceptor {

    private final OriginPolicy origins;
    private final SessionListener sessions;
    private final ServerMetrics metrics;

    PingPongAcceptor(OriginPolicy origins, SessionListener sessions, ServerMetrics metrics) {
        this.origins = origins;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    /** Says how to let {@code origin} in; the library logs it with the refusal and sends it as the 403's body. */
    private String refusal(String origin) {
        String fromFile = "null".equals(origin) ? " (a page opened from a file:// address sends Origin: null)" : "";
        return "origin " + origin + " is not allowed" + fromFile + "; to allow it, start the server with "
                + "--allowed-origins " + origins.withAlso(origin);
    }

    @Override
    public void onRequest(SessionRequest request) {
        if (!origins.allows(request.origin())) {
            metrics.sessionsRefused.labels("origin").increment();
            request.reject(403, refusal(request.origin().orElseThrow()));
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
