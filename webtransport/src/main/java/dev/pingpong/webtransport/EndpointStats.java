package dev.pingpong.webtransport;

import java.util.Map;

/** Counters of an endpoint, for metrics. Names are snake_case, stable, and suitable as Prometheus suffixes. */
public interface EndpointStats {

    /** Sessions open now. */
    int openSessions();

    /**
     * A snapshot of monotonically increasing counters, e.g. {@code sessions_accepted}, {@code sessions_refused},
     * {@code limit_sessions}, {@code limit_streams}, {@code limit_capsule_size}, {@code datagrams_dropped}.
     */
    Map<String, Long> counters();
}
