package dev.pingpong.operator.certs;

import dev.pingpong.certs.CertificateHashes;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** What the status tells of a leaf someone else issued (cert-manager): read from its PEM alone, without its key. */
public record ServedCertificate(Instant notAfter, String sha256Hex) {

    /** The first certificate of {@code pem}; IllegalArgumentException if there is none or it does not parse. */
    public static ServedCertificate parse(String pem) {
        X509Certificate leaf = IssuedCertificate.readCertificate(pem);
        return new ServedCertificate(leaf.getNotAfter().toInstant(), CertificateHashes.sha256Hex(leaf));
    }
}
