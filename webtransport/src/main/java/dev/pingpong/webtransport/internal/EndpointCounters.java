package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.EndpointStats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one endpoint, shared by all of its connections. */
final class EndpointCounters implements EndpointStats {

    static final String SESSIONS_ACCEPTED = "sessions_accepted";
    static final String SESSIONS_REFUSED = "sessions_refused";
    static final String SESSIONS_CLOSED = "sessions_closed";
    static final String REQUESTS_NOT_FOUND = "requests_not_found";
    static final String LIMIT_SESSIONS = "limit_sessions";
    static final String LIMIT_SESSIONS_PER_CONNECTION = "limit_sessions_per_connection";
    static final String LIMIT_STREAMS = "limit_streams";
    static final String LIMIT_CAPSULE_SIZE = "limit_capsule_size";
    static final String STREAMS_UNKNOWN_SESSION = "streams_unknown_session";
    static final String DATAGRAMS_DROPPED = "datagrams_dropped";
    static final String PROTOCOL_ERRORS = "protocol_errors";
    static final String HANDSHAKE_TIMEOUTS = "handshake_timeouts";
    static final String CONNECTIONS_REFUSED = "connections_refused";
    static final String LIMIT_HEADER_PENDING_STREAMS = "limit_header_pending_streams";
    static final String LIMIT_HEADER_PENDING_STREAMS_PER_CONNECTION = "limit_header_pending_streams_per_connection";
    static final String HEADER_TIMEOUTS = "header_timeouts";
    static final String LIMIT_HELD_BYTES = "limit_held_bytes";
    static final String LIMIT_HELD_BYTES_PER_CONNECTION = "limit_held_bytes_per_connection";
    static final String LIMIT_HELD_BYTES_PER_SESSION = "limit_held_bytes_per_session";
    static final String LIMIT_HELD_BYTES_PER_STREAM = "limit_held_bytes_per_stream";
    static final String STREAMS_ABORTED = "streams_aborted";
    static final String RETRIES_SENT = "retries_sent";
    static final String RETRY_TOKENS_INVALID = "retry_tokens_invalid";
    static final String UDP_DATAGRAMS_RECEIVED = "udp_datagrams_received";
    static final String UDP_DATAGRAMS_MALFORMED = "udp_datagrams_malformed";
    static final String CONNECTIONS_ACCEPTED = "connections_accepted";
    static final String FLOW_CONTROL_ERRORS = "flow_control_errors";
    static final String DATA_BLOCKED_SENT = "data_blocked_sent";
    static final String DATA_BLOCKED_RECEIVED = "data_blocked_received";
    static final String STREAMS_BLOCKED_SENT = "streams_blocked_sent";
    static final String STREAMS_BLOCKED_RECEIVED = "streams_blocked_received";
    static final String STREAMS_BUFFERED = "streams_buffered";
    static final String DATAGRAMS_BUFFERED = "datagrams_buffered";
    static final String LIMIT_BUFFERED_STREAMS = "limit_buffered_streams";
    static final String LIMIT_BUFFERED_DATAGRAMS = "limit_buffered_datagrams";
    static final String LIMIT_BLOCKED_SEND_BYTES_PER_STREAM = "limit_blocked_send_bytes_per_stream";

    /** Gauge: peer streams whose header has not all arrived. */
    static final String HEADER_PENDING_STREAMS = "header_pending_streams";
    /** Gauge: received bytes applications hold outside QUIC flow control. */
    static final String HELD_BYTES = "held_bytes";
    /** Gauge: bytes written to streams that wait for the peer's session credit. */
    static final String BLOCKED_SEND_BYTES = "blocked_send_bytes";

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final BoundedCount headerPending = new BoundedCount();
    private final BoundedCount heldBytes = new BoundedCount();
    private final BoundedCount blockedSendBytes = new BoundedCount();

    EndpointCounters() {
        for (String name : new String[] {SESSIONS_ACCEPTED, SESSIONS_REFUSED, SESSIONS_CLOSED, REQUESTS_NOT_FOUND,
                LIMIT_SESSIONS, LIMIT_SESSIONS_PER_CONNECTION, LIMIT_STREAMS, LIMIT_CAPSULE_SIZE,
                STREAMS_UNKNOWN_SESSION, DATAGRAMS_DROPPED, PROTOCOL_ERRORS, HANDSHAKE_TIMEOUTS, CONNECTIONS_REFUSED,
                LIMIT_HEADER_PENDING_STREAMS, LIMIT_HEADER_PENDING_STREAMS_PER_CONNECTION, HEADER_TIMEOUTS,
                LIMIT_HELD_BYTES, LIMIT_HELD_BYTES_PER_CONNECTION, LIMIT_HELD_BYTES_PER_SESSION,
                LIMIT_HELD_BYTES_PER_STREAM, STREAMS_ABORTED, RETRIES_SENT, RETRY_TOKENS_INVALID,
                UDP_DATAGRAMS_RECEIVED, UDP_DATAGRAMS_MALFORMED, CONNECTIONS_ACCEPTED, FLOW_CONTROL_ERRORS,
                DATA_BLOCKED_SENT, DATA_BLOCKED_RECEIVED, STREAMS_BLOCKED_SENT, STREAMS_BLOCKED_RECEIVED,
                STREAMS_BUFFERED, DATAGRAMS_BUFFERED, LIMIT_BUFFERED_STREAMS, LIMIT_BUFFERED_DATAGRAMS,
                LIMIT_BLOCKED_SEND_BYTES_PER_STREAM}) {
            counters.put(name, new LongAdder());
        }
    }

    void increment(String name) {
        counters.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    /** Reserves a session slot unless {@code max} are open; the caller must {@link #sessionEnded()} later. */
    boolean tryOpenSession(int max) {
        while (true) {
            int open = openSessions.get();
            if (open >= max) {
                return false;
            }
            if (openSessions.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    void sessionEnded() {
        openSessions.decrementAndGet();
    }

    @Override
    public int openSessions() {
        return openSessions.get();
    }

    BoundedCount headerPending() {
        return headerPending;
    }

    BoundedCount heldBytes() {
        return heldBytes;
    }

    BoundedCount blockedSendBytes() {
        return blockedSendBytes;
    }

    @Override
    public Map<String, Long> gauges() {
        return Map.of(HEADER_PENDING_STREAMS, headerPending.get(), HELD_BYTES, heldBytes.get(), BLOCKED_SEND_BYTES,
                blockedSendBytes.get());
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }
}
