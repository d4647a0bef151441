package dev.pingpong.webtransport;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on everything a peer controls. Each violation is refused with the draft's error, logged on one
 * line and counted (see {@link EndpointStats}). Build one with {@link #builder()}, which starts from the
 * defaults of {@link #DEFAULT}.
 *
 * @param maxSessions              concurrent sessions per endpoint; more are refused with 429
 * @param maxSessionsPerConnection concurrent sessions per HTTP/3 connection; more are refused with 429
 * @param maxStreamsPerSession     concurrent peer-opened streams per session (bidi and uni each)
 * @param maxCapsuleSize           largest capsule accepted on a CONNECT stream, in bytes
 * @param maxStreamBufferBytes     bytes buffered per stream before reading pauses (QUIC flow control window)
 * @param idleTimeout              QUIC idle timeout
 * @param handshakeTimeout         time allowed for the CONNECT request and answer
 * @param maxHeaderPendingStreamsPerConnection peer streams per connection whose header (stream type, WebTransport
 *                                 signal and session id, or HTTP/3 request headers) has not all arrived; more are
 *                                 reset at once
 * @param maxHeaderPendingStreams  the same, across the endpoint
 * @param streamHeaderTimeout      time a peer stream gets for its header before it is reset
 * @param maxHeldBytesPerStream    received bytes an application holds for one stream outside QUIC flow control,
 *                                 such as an unfinished frame (see {@link WebTransportStream#holdReceivedBytes});
 *                                 a stream that would pass it is reset
 * @param maxHeldBytesPerSession   the same, summed over a session's streams
 * @param maxHeldBytesPerConnection the same, summed over a connection's streams
 * @param maxHeldBytes             the same, summed over the endpoint
 * @param initialSessionMaxData    session flow control (sessions with a peer that uses it too): stream body bytes a peer
 *                                 may send in a session, summed over its streams, before it needs more credit;
 *                                 advertised as SETTINGS_WT_INITIAL_MAX_DATA; {@link #maxStreamsPerSession} is the
 *                                 stream credit likewise
 * @param maxSessionDataWindow     the most session credit outstanding at once: the window starts at
 *                                 {@code initialSessionMaxData} and doubles, up to this, each time the peer says it is
 *                                 blocked at our limit; at least {@code initialSessionMaxData}
 * @param maxBlockedSendBytesPerStream bytes written to one stream that wait for the peer's session credit; a write
 *                                 that would pass it fails the stream (what waits and later writes fail too, and the
 *                                 stream is aborted with H3_INTERNAL_ERROR), so the peer never sees a hole (the
 *                                 default is above what a ping window of the largest frames holds, so an
 *                                 application that writes in windows never meets it)
 * @param maxBufferedStreamsPerConnection peer streams per connection held for a session that is not established
 *                                 yet (its CONNECT not yet arrived, decided or answered), for at most
 *                                 {@code handshakeTimeout}; more are refused with WT_BUFFERED_STREAM_REJECTED
 * @param maxBufferedDatagramsPerConnection the same for datagrams; more are dropped
 * @param maxQueuedDatagrams       datagrams quiche queues per connection, each way: received ones until the application
 *                                 reads them, sent ones while congestion control holds them back; more are dropped.
 *                                 An application that sends a window of datagrams at once wants at least the window
 */
public record Limits(
        int maxSessions,
        int maxSessionsPerConnection,
        int maxStreamsPerSession,
        int maxCapsuleSize,
        int maxStreamBufferBytes,
        Duration idleTimeout,
        Duration handshakeTimeout,
        int maxHeaderPendingStreamsPerConnection,
        int maxHeaderPendingStreams,
        Duration streamHeaderTimeout,
        long maxHeldBytesPerStream,
        long maxHeldBytesPerSession,
        long maxHeldBytesPerConnection,
        long maxHeldBytes,
        long initialSessionMaxData,
        long maxSessionDataWindow,
        long maxBlockedSendBytesPerStream,
        int maxBufferedStreamsPerConnection,
        int maxBufferedDatagramsPerConnection,
        int maxQueuedDatagrams) {

    public static final Limits DEFAULT = builder().build();

    public Limits {
        positive("maxSessions", maxSessions);
        positive("maxSessionsPerConnection", maxSessionsPerConnection);
        positive("maxStreamsPerSession", maxStreamsPerSession);
        positive("maxCapsuleSize", maxCapsuleSize);
        positive("maxStreamBufferBytes", maxStreamBufferBytes);
        positive("idleTimeout", idleTimeout);
        positive("handshakeTimeout", handshakeTimeout);
        positive("maxHeaderPendingStreamsPerConnection", maxHeaderPendingStreamsPerConnection);
        positive("maxHeaderPendingStreams", maxHeaderPendingStreams);
        positive("streamHeaderTimeout", streamHeaderTimeout);
        positive("maxHeldBytesPerStream", maxHeldBytesPerStream);
        positive("maxHeldBytesPerSession", maxHeldBytesPerSession);
        positive("maxHeldBytesPerConnection", maxHeldBytesPerConnection);
        positive("maxHeldBytes", maxHeldBytes);
        positive("initialSessionMaxData", initialSessionMaxData);
        positive("maxSessionDataWindow", maxSessionDataWindow);
        positive("maxBlockedSendBytesPerStream", maxBlockedSendBytesPerStream);
        if (maxSessionDataWindow < initialSessionMaxData) {
            throw new IllegalArgumentException("maxSessionDataWindow (" + maxSessionDataWindow
                    + ") must be at least initialSessionMaxData (" + initialSessionMaxData + ")");
        }
        positive("maxBufferedStreamsPerConnection", maxBufferedStreamsPerConnection);
        positive("maxBufferedDatagramsPerConnection", maxBufferedDatagramsPerConnection);
        positive("maxQueuedDatagrams", maxQueuedDatagrams);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Starts from the defaults; every setter replaces one bound. */
    public static final class Builder {
        private int maxSessions = 10_000;
        private int maxSessionsPerConnection = 16;
        private int maxStreamsPerSession = 256;
        private int maxCapsuleSize = 64 * 1024;
        private int maxStreamBufferBytes = 256 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        // Honest peers send a stream's header with its first bytes: these only bound what a hostile one holds open.
        private int maxHeaderPendingStreamsPerConnection = 128;
        private int maxHeaderPendingStreams = 4096;
        private Duration streamHeaderTimeout = Duration.ofSeconds(10);
        // A stream never needs more than its flow-control window held; sessions, connections and the endpoint less
        // than all of their streams at once.
        private long maxHeldBytesPerStream = 256 * 1024;
        private long maxHeldBytesPerSession = 1024 * 1024;
        private long maxHeldBytesPerConnection = 4 * 1024 * 1024;
        private long maxHeldBytes = 64 * 1024 * 1024;
        // A session may fill the QUIC connection window (16 stream windows) once its window has grown, no more.
        private long initialSessionMaxData = 1024 * 1024;
        private long maxSessionDataWindow = 4 * 1024 * 1024;
        private long maxBlockedSendBytesPerStream = 16 * 1024 * 1024;
        // A client's first flight may carry a few streams and datagrams ahead of its CONNECT's decision; held streams
        // stop reading, so each holds at most what arrived with its header.
        private int maxBufferedStreamsPerConnection = 32;
        private int maxBufferedDatagramsPerConnection = 64;
        // Of the largest datagrams, 256 hold about 300 KiB per connection and direction.
        private int maxQueuedDatagrams = 256;

        private Builder() {
        }

        public Builder maxSessions(int value) {
            this.maxSessions = value;
            return this;
        }

        public Builder maxSessionsPerConnection(int value) {
            this.maxSessionsPerConnection = value;
            return this;
        }

        public Builder maxStreamsPerSession(int value) {
            this.maxStreamsPerSession = value;
            return this;
        }

        public Builder maxCapsuleSize(int value) {
            this.maxCapsuleSize = value;
            return this;
        }

        public Builder maxStreamBufferBytes(int value) {
            this.maxStreamBufferBytes = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = value;
            return this;
        }

        public Builder maxHeaderPendingStreamsPerConnection(int value) {
            this.maxHeaderPendingStreamsPerConnection = value;
            return this;
        }

        public Builder maxHeaderPendingStreams(int value) {
            this.maxHeaderPendingStreams = value;
            return this;
        }

        public Builder streamHeaderTimeout(Duration value) {
            this.streamHeaderTimeout = value;
            return this;
        }

        public Builder maxHeldBytesPerStream(long value) {
            this.maxHeldBytesPerStream = value;
            return this;
        }

        public Builder maxHeldBytesPerSession(long value) {
            this.maxHeldBytesPerSession = value;
            return this;
        }

        public Builder maxHeldBytesPerConnection(long value) {
            this.maxHeldBytesPerConnection = value;
            return this;
        }

        public Builder maxHeldBytes(long value) {
            this.maxHeldBytes = value;
            return this;
        }

        public Builder initialSessionMaxData(long value) {
            this.initialSessionMaxData = value;
            return this;
        }

        public Builder maxSessionDataWindow(long value) {
            this.maxSessionDataWindow = value;
            return this;
        }

        public Builder maxBlockedSendBytesPerStream(long value) {
            this.maxBlockedSendBytesPerStream = value;
            return this;
        }

        public Builder maxBufferedStreamsPerConnection(int value) {
            this.maxBufferedStreamsPerConnection = value;
            return this;
        }

        public Builder maxBufferedDatagramsPerConnection(int value) {
            this.maxBufferedDatagramsPerConnection = value;
            return this;
        }

        public Builder maxQueuedDatagrams(int value) {
            this.maxQueuedDatagrams = value;
            return this;
        }

        public Limits build() {
            return new Limits(maxSessions, maxSessionsPerConnection, maxStreamsPerSession, maxCapsuleSize,
                    maxStreamBufferBytes, idleTimeout, handshakeTimeout, maxHeaderPendingStreamsPerConnection,
                    maxHeaderPendingStreams, streamHeaderTimeout, maxHeldBytesPerStream, maxHeldBytesPerSession,
                    maxHeldBytesPerConnection, maxHeldBytes, initialSessionMaxData, maxSessionDataWindow,
                    maxBlockedSendBytesPerStream, maxBufferedStreamsPerConnection,
                    maxBufferedDatagramsPerConnection, maxQueuedDatagrams);
        }
    }
}
