package dev.pingpong.operator.certs;

import java.time.Duration;
import java.time.Instant;

/**
 * When certificates are renewed.
 *
 * <p>Leaves: {@code renewAt = notAfter - renewBefore}; renewBefore defaults to a third of the leaf duration and must
 * lie strictly between zero and the duration (see {@link #validate}), otherwise a fresh certificate would be due
 * at once and the operator would reissue it on every reconcile.
 *
 * <p>The CA lives {@value #CA_LIFETIMES} leaf durations. When fewer than {@value #CA_RENEW_LIFETIMES} leaf
 * durations remain, its successor is created and published next to it in every {@code ca.crt} (trusted, not yet
 * signing); one leaf duration later ({@link #promoteAt}) the successor becomes the signing CA and every leaf is
 * reissued from it, while the retired CA stays trusted until its own notAfter, which no leaf it signed outlives.
 * Unless the operator was down, every pod thus trusts a CA a leaf duration before it meets a leaf that CA signed.
 */
public final class RenewalSchedule {

    public static final int CA_LIFETIMES = 10;
    public static final int CA_RENEW_LIFETIMES = 2;

    private RenewalSchedule() {
    }

    public static Instant renewAt(IssuedCertificate cert, Duration renewBefore) {
        return cert.notAfter().minus(renewBefore);
    }

    /**
     * When a leaf signed by {@code ca} is renewed: {@code renewBefore} before it expires, unless it expires with its
     * CA (a CA with less than a leaf lifetime left, e.g. a user's CA): a new leaf could not last longer, so it is
     * kept until the CA changes, and the moment to look again is the CA's expiry.
     */
    public static Instant renewAt(IssuedCertificate leaf, Duration renewBefore, IssuedCertificate ca) {
        return leaf.notAfter().isBefore(ca.notAfter()) ? renewAt(leaf, renewBefore) : ca.notAfter();
    }

    public static boolean due(IssuedCertificate cert, Duration renewBefore, Instant now) {
        return !now.isBefore(renewAt(cert, renewBefore));
    }

    public static Duration caValidity(Duration leafValidity) {
        return leafValidity.multipliedBy(CA_LIFETIMES);
    }

    public static Duration caRenewBefore(Duration leafValidity) {
        return leafValidity.multipliedBy(CA_RENEW_LIFETIMES);
    }

    /** True when the CA's successor must be created and published (see {@link #promoteAt}). */
    public static boolean caDue(IssuedCertificate ca, Duration leafValidity, Instant now) {
        return due(ca, caRenewBefore(leafValidity), now);
    }

    /**
     * When a published successor CA starts signing: one leaf duration after it was created, but no later than the
     * current CA's expiry (reached only when the successor was published late, e.g. the operator was down).
     */
    public static Instant promoteAt(IssuedCertificate current, IssuedCertificate next, Duration leafValidity) {
        Instant signsFrom = next.notBefore().plus(CertificateAuthority.BACKDATE).plus(leafValidity);
        return signsFrom.isBefore(current.notAfter()) ? signsFrom : current.notAfter();
    }

    /** The default renewBefore: one third of the leaf duration. */
    public static Duration defaultRenewBefore(Duration leafValidity) {
        return leafValidity.dividedBy(3);
    }

    /** Requires 0 < renewBefore < duration; the message names the fields as the CRD and the other spec errors do. */
    public static void validate(Duration duration, Duration renewBefore) {
        if (renewBefore.isNegative() || renewBefore.isZero() || renewBefore.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("tls.renewBefore must be longer than 0 and shorter than tls.duration");
        }
    }
}
