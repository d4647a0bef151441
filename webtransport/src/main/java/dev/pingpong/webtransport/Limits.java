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
 */
public record Limits(
        int maxSessions,
        int maxSessionsPerConnection,
        int maxStreamsPerSession,
        int maxCapsuleSize,
        int maxStreamBufferBytes,
        Duration idleTimeout,
        Duration handshakeTimeout) {

    public static final Limits DEFAULT = builder().build();

    public Limits {
        positive("maxSessions", maxSessions);
        positive("maxSessionsPerConnection", maxSessionsPerConnection);
        positive("maxStreamsPerSession", maxStreamsPerSession);
        positive("maxCapsuleSize", maxCapsuleSize);
        positive("maxStreamBufferBytes", maxStreamBufferBytes);
        positive("idleTimeout", idleTimeout);
        positive("handshakeTimeout", handshakeTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void positive(String name, int value) {
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

        public Limits build() {
            return new Limits(maxSessions, maxSessionsPerConnection, maxStreamsPerSession, maxCapsuleSize,
                    maxStreamBufferBytes, idleTimeout, handshakeTimeout);
        }
    }
}
