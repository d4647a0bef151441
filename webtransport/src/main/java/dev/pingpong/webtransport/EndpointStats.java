package dev.pingpong.webtransport;

import java.util.Map;

/** Counters of an endpoint, for metrics. Names are snake_case, stable, and suitable as Prometheus suffixes. */
public interface EndpointStats {

    /** Sessions open now. */
    int openSessions();

    /**
     * A snapshot of monotonically increasing counters, e.g. {@code sessions_accepted}, {@code sessions_refused},
     * {@code limit_sessions}, {@code limit_streams}, {@code limit_capsule_size}, {@code datagrams_dropped},
     * {@code limit_header_pending_streams}, {@code header_timeouts}, {@code limit_held_bytes_per_stream},
     * {@code streams_aborted}.
     */
    Map<String, Long> counters();

    /**
     * A snapshot of values that go up and down: {@code header_pending_streams} (peer streams whose header has not
     * all arrived) and {@code held_bytes} (received bytes applications hold outside QUIC flow control, see
     * {@link WebTransportStream#holdReceivedBytes}).
     */
    Map<String, Long> gauges();
}
