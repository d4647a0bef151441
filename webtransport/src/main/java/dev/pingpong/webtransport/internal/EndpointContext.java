package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.EndpointStats;
import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.SessionAcceptor;
import dev.pingpong.webtransport.WebTransportSession;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What every connection of one endpoint shares: its role, limits, routes, counters, peer log and live sessions. */
public final class EndpointContext {

    private final boolean server;
    private final Limits limits;
    private final Map<String, SessionAcceptor> routes;
    private final EndpointCounters counters = new EndpointCounters();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final PeerLog peerLog = new PeerLog();
    private volatile boolean shuttingDown;

    public EndpointContext(boolean server, Limits limits, Map<String, SessionAcceptor> routes) {
        this.server = server;
        this.limits = limits;
        this.routes = Map.copyOf(routes);
    }

    boolean isServer() {
        return server;
    }

    Limits limits() {
        return limits;
    }

    SessionAcceptor route(String path) {
        return routes.get(path);
    }

    EndpointCounters counters() {
        return counters;
    }

    public EndpointStats stats() {
        return counters;
    }

    /** Where what peers do wrong is logged, a flood of it in a few lines. */
    PeerLog peerLog() {
        return peerLog;
    }

    /** The sessions open now, across connections. */
    Set<Session> sessions() {
        return sessions;
    }

    /** A snapshot of the sessions open now. */
    public List<WebTransportSession> openSessions() {
        return List.copyOf(sessions);
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    public void startShutdown() {
        shuttingDown = true;
    }
}
