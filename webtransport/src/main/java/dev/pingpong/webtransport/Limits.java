package dev.pingpong.webtransport;

import java.time.Duration;

/**
 * Bounds on everything a peer controls. Each violation is refused with the draft's error, logged on one
 * line and counted (see {@link EndpointStats}).
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

    public static final Limits DEFAULT = new Limits(10_000, 16, 256, 64 * 1024, 256 * 1024,
            Duration.ofSeconds(30), Duration.ofSeconds(10));

    public Limits withMaxSessions(int value) {
        return new Limits(value, maxSessionsPerConnection, maxStreamsPerSession, maxCapsuleSize,
                maxStreamBufferBytes, idleTimeout, handshakeTimeout);
    }

    public Limits withMaxSessionsPerConnection(int value) {
        return new Limits(maxSessions, value, maxStreamsPerSession, maxCapsuleSize,
                maxStreamBufferBytes, idleTimeout, handshakeTimeout);
    }

    public Limits withMaxStreamsPerSession(int value) {
        return new Limits(maxSessions, maxSessionsPerConnection, value, maxCapsuleSize,
                maxStreamBufferBytes, idleTimeout, handshakeTimeout);
    }

    public Limits withMaxCapsuleSize(int value) {
        return new Limits(maxSessions, maxSessionsPerConnection, maxStreamsPerSession, value,
                maxStreamBufferBytes, idleTimeout, handshakeTimeout);
    }

    public Limits withMaxStreamBufferBytes(int value) {
        return new Limits(maxSessions, maxSessionsPerConnection, maxStreamsPerSession, maxCapsuleSize,
                value, idleTimeout, handshakeTimeout);
    }

    public Limits withIdleTimeout(Duration value) {
        return new Limits(maxSessions, maxSessionsPerConnection, maxStreamsPerSession, maxCapsuleSize,
                maxStreamBufferBytes, value, handshakeTimeout);
    }

    public Limits withHandshakeTimeout(Duration value) {
        return new Limits(maxSessions, maxSessionsPerConnection, maxStreamsPerSession, maxCapsuleSize,
                maxStreamBufferBytes, idleTimeout, value);
    }
}
