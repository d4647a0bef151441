package dev.pingpong.operator.certs;

import dev.pingpong.certs.CertificateTemplate;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A CA certificate kept only to be trusted, without its key: the CA a pair retired, published next to the
 * current one until the last leaf it signed has expired.
 */
public record RetiredAuthority(String certificatePem, Instant notAfter) {

    /** Reads a stored CA certificate; IllegalArgumentException if it is unreadable or no CA. */
    public static RetiredAuthority parse(String certificatePem) {
        X509Certificate certificate = IssuedCertificate.readCertificate(certificatePem);
        CertificateTemplate.requireAuthority(certificate);
        return new RetiredAuthority(certificatePem, certificate.getNotAfter().toInstant());
    }

    /** The certificate of a CA that is being retired. */
    public static RetiredAuthority of(IssuedCertificate ca) {
        return new RetiredAuthority(ca.certificatePem(), ca.notAfter());
    }
}
