package dev.pingpong.operator.certs;

import dev.pingpong.certs.CertificateTemplate;
import dev.pingpong.certs.CertifiedKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A pair's own certificate authority, and the operator's policy for what it issues: every certificate is valid
 * from one minute in the past (clock skew between nodes) for the requested duration, and a leaf never outlives
 * the CA: its notAfter is capped at the CA's. What a leaf says is its {@link LeafProfile}; keys, extensions and
 * signing are {@link CertificateTemplate}'s. A CA it creates is ECDSA P-256; one it loads may be of any key type
 * the toolkit reads, and signs with that key's algorithm.
 */
public final class CertificateAuthority {

    /** How far notBefore lies in the past, so a node whose clock is a little behind accepts a fresh certificate. */
    public static final Duration BACKDATE = CertificateTemplate.CLOCK_SKEW;

    private final IssuedCertificate certificate;
    private final CertifiedKey signer;

    private CertificateAuthority(IssuedCertificate certificate) {
        this.certificate = certificate;
        try {
            this.signer = CertifiedKey.of(List.of(certificate.x509Certificate()), certificate.privateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        CertificateTemplate.requireAuthority(signer.leaf());
    }

    /** A new self-signed CA valid [now - 1min, now + validity]. */
    public static CertificateAuthority create(String commonName, Duration validity, Clock clock) {
        Instant now = clock.instant();
        CertifiedKey ca = CertificateTemplate.authority().commonName(commonName)
                .validity(notBefore(now), notAfter(now, validity)).selfSigned();
        return new CertificateAuthority(IssuedCertificate.of(ca));
    }

    /** The CA stored in a pair's NAME-ca Secret; IllegalArgumentException if it is no CA. */
    public static CertificateAuthority load(IssuedCertificate ca) {
        return new CertificateAuthority(Objects.requireNonNull(ca, "ca"));
    }

    public IssuedCertificate certificate() {
        return certificate;
    }

    /** True when {@code leaf} carries this CA's signature: a leaf of a replaced CA must be reissued. */
    public boolean signed(IssuedCertificate leaf) {
        try {
            leaf.x509Certificate().verify(signer.leaf().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A leaf as {@code profile} says, for {@code keys} (a fresh pair of the profile's type, or a kept one). */
    public IssuedCertificate issue(LeafProfile profile, KeyPair keys, Duration validity, Clock clock) {
        Instant now = clock.instant();
        Instant notAfter = notAfter(now, validity);
        if (notAfter.isAfter(certificate.notAfter())) {
            notAfter = certificate.notAfter();
        }
        return IssuedCertificate.of(profile.template().key(keys).validity(notBefore(now), notAfter).signedBy(signer));
    }

    private static Instant notBefore(Instant now) {
        return now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant notAfter(Instant now, Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate validity must be positive, got " + validity);
        }
        return now.plus(validity).truncatedTo(ChronoUnit.SECONDS);
    }
}
