package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.SessionAcceptor;

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

    public boolean isServer() {
        return server;
    }

    public Limits limits() {
        return limits;
    }

    public SessionAcceptor route(String path) {
        return routes.get(path);
    }

    public EndpointCounters counters() {
        return counters;
    }

    /** Where what peers do wrong is logged, a flood of it in a few lines. */
    public PeerLog peerLog() {
        return peerLog;
    }

    /** The sessions open now, across connections. */
    public Set<Session> sessions() {
        return sessions;
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    public void startShutdown() {
        shuttingDown = true;
    }
}
