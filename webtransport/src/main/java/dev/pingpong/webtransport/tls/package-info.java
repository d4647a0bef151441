/**
 * TLS for WebTransport endpoints on Netty's QUIC: server and client contexts, a key manager that can be swapped
 * for rotation without restart (fed by a watcher of the PEM files), client authentication, and client trust by
 * CA bundle, certificate-hash pinning or (with a warning) none. Certificates, keys, PEM and hashes themselves
 * come from {@code dev.pingpong.certs}.
 */
package dev.pingpong.webtransport.tls;
