/**
 * The certificate toolkit shared by the WebTransport library and the operator, on BouncyCastle alone: PEM
 * reading and writing, ECDSA and RSA keys (P-256 unless asked otherwise), issuing X.509 certificates (self-signed or CA-signed, with subject
 * alternative names, validity and key usages, common names within RFC 5280), and the SHA-256 certificate hash
 * that browsers and clients pin.
 */
package dev.pingpong.certs;
