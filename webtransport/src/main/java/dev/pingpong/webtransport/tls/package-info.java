/**
 * TLS for WebTransport endpoints: certificates from PEM files or generated (short-lived ECDSA P-256),
 * a key manager that can be swapped for rotation without restart, client authentication, and client
 * trust by CA bundle, certificate-hash pinning or (with a warning) none.
 */
package dev.pingpong.webtransport.tls;
