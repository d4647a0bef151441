package dev.pingpong.client;

/** How PINGs travel: on one bidirectional stream per session, or one per datagram. */
enum PingMode {
    STREAM,
    DATAGRAM
}
