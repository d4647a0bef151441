/**
 * The certificate toolkit shared by the WebTransport library and the operator, on BouncyCastle alone: PEM
 * reading and writing, ECDSA P-256 keys, issuing X.509 certificates (self-signed or CA-signed, with subject
 * alternative names, validity and key usages, common names within RFC 5280), and the SHA-256 certificate hash
 * that browsers and clients pin.
 */
package dev.pingpong.certs;
