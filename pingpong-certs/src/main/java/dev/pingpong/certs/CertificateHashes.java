package dev.pingpong.certs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SHA-256 certificate hashes as browsers use them in {@code serverCertificateHashes}: the digest of the DER
 * encoding of the leaf certificate, written here as 64 lower-case hex digits.
 */
public final class CertificateHashes {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private CertificateHashes() {
    }

    public static byte[] sha256(X509Certificate certificate) {
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate has no DER encoding", e);
        }
    }

    public static String sha256Hex(X509Certificate certificate) {
        return HexFormat.of().formatHex(sha256(certificate));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Normalizes a user-given hash: case-insensitive, colons allowed (as {@code openssl x509 -fingerprint}
     * prints them). Fails with a message naming the expected form.
     */
    public static String parseSha256Hex(String text) {
        String normalized = text.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(normalized).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hash (64 hex digits): " + text);
        }
        return normalized;
    }
}
