package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.EndpointStats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one endpoint, shared by all of its connections. */
public final class EndpointCounters implements EndpointStats {

    public static final String SESSIONS_ACCEPTED = "sessions_accepted";
    public static final String SESSIONS_REFUSED = "sessions_refused";
    public static final String SESSIONS_CLOSED = "sessions_closed";
    public static final String REQUESTS_NOT_FOUND = "requests_not_found";
    public static final String LIMIT_SESSIONS = "limit_sessions";
    public static final String LIMIT_SESSIONS_PER_CONNECTION = "limit_sessions_per_connection";
    public static final String LIMIT_STREAMS = "limit_streams";
    public static final String LIMIT_CAPSULE_SIZE = "limit_capsule_size";
    public static final String STREAMS_UNKNOWN_SESSION = "streams_unknown_session";
    public static final String DATAGRAMS_DROPPED = "datagrams_dropped";
    public static final String PROTOCOL_ERRORS = "protocol_errors";
    public static final String HANDSHAKE_TIMEOUTS = "handshake_timeouts";
    public static final String CONNECTIONS_REFUSED = "connections_refused";
    public static final String LIMIT_HEADER_PENDING_STREAMS = "limit_header_pending_streams";
    public static final String LIMIT_HEADER_PENDING_STREAMS_PER_CONNECTION = "limit_header_pending_streams_per_connection";
    public static final String HEADER_TIMEOUTS = "header_timeouts";
    public static final String LIMIT_HELD_BYTES = "limit_held_bytes";
    public static final String LIMIT_HELD_BYTES_PER_CONNECTION = "limit_held_bytes_per_connection";
    public static final String LIMIT_HELD_BYTES_PER_SESSION = "limit_held_bytes_per_session";
    public static final String LIMIT_HELD_BYTES_PER_STREAM = "limit_held_bytes_per_stream";
    public static final String STREAMS_ABORTED = "streams_aborted";
    public static final String RETRIES_SENT = "retries_sent";
    public static final String RETRY_TOKENS_INVALID = "retry_tokens_invalid";
    public static final String UDP_DATAGRAMS_RECEIVED = "udp_datagrams_received";
    public static final String UDP_DATAGRAMS_MALFORMED = "udp_datagrams_malformed";
    public static final String CONNECTIONS_ACCEPTED = "connections_accepted";

    /** Gauge: peer streams whose header has not all arrived. */
    public static final String HEADER_PENDING_STREAMS = "header_pending_streams";
    /** Gauge: received bytes applications hold outside QUIC flow control. */
    public static final String HELD_BYTES = "held_bytes";

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final AtomicInteger openSessions = new AtomicInteger();
    private final BoundedCount headerPending = new BoundedCount();
    private final BoundedCount heldBytes = new BoundedCount();

    public EndpointCounters() {
        for (String name : new String[] {SESSIONS_ACCEPTED, SESSIONS_REFUSED, SESSIONS_CLOSED, REQUESTS_NOT_FOUND,
                LIMIT_SESSIONS, LIMIT_SESSIONS_PER_CONNECTION, LIMIT_STREAMS, LIMIT_CAPSULE_SIZE,
                STREAMS_UNKNOWN_SESSION, DATAGRAMS_DROPPED, PROTOCOL_ERRORS, HANDSHAKE_TIMEOUTS, CONNECTIONS_REFUSED,
                LIMIT_HEADER_PENDING_STREAMS, LIMIT_HEADER_PENDING_STREAMS_PER_CONNECTION, HEADER_TIMEOUTS,
                LIMIT_HELD_BYTES, LIMIT_HELD_BYTES_PER_CONNECTION, LIMIT_HELD_BYTES_PER_SESSION,
                LIMIT_HELD_BYTES_PER_STREAM, STREAMS_ABORTED, RETRIES_SENT, RETRY_TOKENS_INVALID,
                UDP_DATAGRAMS_RECEIVED, UDP_DATAGRAMS_MALFORMED, CONNECTIONS_ACCEPTED}) {
            counters.put(name, new LongAdder());
        }
    }

    public void increment(String name) {
        counters.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    /** Reserves a session slot unless {@code max} are open; the caller must {@link #sessionEnded()} later. */
    public boolean tryOpenSession(int max) {
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

    public void sessionEnded() {
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

    @Override
    public Map<String, Long> gauges() {
        return Map.of(HEADER_PENDING_STREAMS, headerPending.get(), HELD_BYTES, heldBytes.get());
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }
}
