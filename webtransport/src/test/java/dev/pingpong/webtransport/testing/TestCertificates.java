package dev.pingpong.webtransport.testing;

import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.CertificateTemplate;
import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Certificates for tests: a small PKI for mutual TLS, and the odd kinds {@link Certificates} does not make. */
public final class TestCertificates {

    /** A CA with a server leaf (localhost, 127.0.0.1, ::1) and a client leaf, all valid for a day. */
    public record Pki(CertifiedKey authority, CertifiedKey server, CertifiedKey client) {
    }

    private TestCertificates() {
    }

    public static Pki pki(String name) {
        CertifiedKey authority = Certificates.certificateAuthority(name + " CA", Duration.ofDays(1));
        return new Pki(authority,
                Certificates.issue(authority, Certificates.DEFAULT_NAMES, Duration.ofDays(1)),
                Certificates.issue(authority, List.of(name + "-client"), Duration.ofDays(1)));
    }

    /** A self-signed P-256 certificate whose validity ended an hour ago. */
    public static CertifiedKey expired(String commonName) {
        Instant now = Instant.now();
        return CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName(commonName)
                .validity(now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1))).selfSigned();
    }
}
