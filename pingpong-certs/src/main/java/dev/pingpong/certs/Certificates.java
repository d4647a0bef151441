package dev.pingpong.certs;

import dev.pingpong.certs.CertificateTemplate.Purpose;

import java.time.Duration;
import java.util.List;

/**
 * Ready-made ECDSA P-256 certificates: the self-signed certificate a server uses when given none (pinnable by
 * browsers), and a small CA with the leaves it issues (for tests and for anyone who needs a private PKI).
 * {@link CertificateTemplate} makes any other kind.
 */
public final class Certificates {

    /** Names of a self-signed certificate when none are given. */
    public static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1", "::1");
    /** Validity of a self-signed certificate when none is given. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(10);
    /** Browsers accept a certificate pinned by {@code serverCertificateHashes} only when valid at most this long. */
    public static final Duration MAX_PINNABLE_VALIDITY = Duration.ofDays(14);

    private Certificates() {
    }

    /** A self-signed certificate for localhost, 127.0.0.1 and ::1, valid 10 days. */
    public static CertifiedKey selfSigned() {
        return selfSigned(DEFAULT_NAMES, DEFAULT_VALIDITY);
    }

    /**
     * A self-signed leaf for the given DNS names and IP addresses, for server and client authentication,
     * pinnable by browsers.
     *
     * @param validity total validity (from a minute ago), at most {@link #MAX_PINNABLE_VALIDITY}
     */
    public static CertifiedKey selfSigned(List<String> names, Duration validity) {
        if (validity.compareTo(MAX_PINNABLE_VALIDITY) > 0 || validity.compareTo(CertificateTemplate.CLOCK_SKEW) <= 0) {
            throw new IllegalArgumentException("self-signed validity must be over " + CertificateTemplate.CLOCK_SKEW.toSeconds()
                    + "s and at most 14 days (browsers pin no longer-lived certificate); got " + validity);
        }
        return leaf(names.isEmpty() ? "localhost" : names.get(0), names, validity).selfSigned();
    }

    /** A self-signed CA certificate (path length 0: it signs leaves only). */
    public static CertifiedKey certificateAuthority(String commonName, Duration validity) {
        return CertificateTemplate.authority().commonName(commonName).validFor(validity).selfSigned();
    }

    /**
     * A leaf for the given names, signed by {@code issuer}, usable for both server and client authentication.
     * Its chain is the leaf followed by the issuer's chain.
     */
    public static CertifiedKey issue(CertifiedKey issuer, List<String> names, Duration validity) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an issued certificate needs at least one name");
        }
        return leaf(names.get(0), names, validity).signedBy(issuer);
    }

    /** Named after its first name, shortened when it is longer than a common name may be. */
    private static CertificateTemplate leaf(String firstName, List<String> names, Duration validity) {
        return CertificateTemplate.leaf(Purpose.SERVER_AUTH, Purpose.CLIENT_AUTH)
                .commonName(CommonNames.fit(firstName)).names(names).validFor(validity);
    }
}
