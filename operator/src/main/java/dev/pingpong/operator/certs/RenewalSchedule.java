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
 * <p>The CA lives {@value #CA_LIFETIMES} leaf durations and is renewed when fewer than
 * {@value #CA_RENEW_LIFETIMES} leaf durations remain. A leaf issued just before the CA is renewed therefore
 * expires at least one leaf duration before its CA does, and every leaf issued from a renewed CA is
 * reissued at once (its issuer changed), so no leaf is ever signed by an expired CA.
 */
public final class RenewalSchedule {

    public static final int CA_LIFETIMES = 10;
    public static final int CA_RENEW_LIFETIMES = 2;

    private RenewalSchedule() {
    }

    public static Instant renewAt(IssuedCertificate cert, Duration renewBefore) {
        return cert.notAfter().minus(renewBefore);
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

    /** True when the CA must be replaced (and with it every leaf). */
    public static boolean caDue(IssuedCertificate ca, Duration leafValidity, Instant now) {
        return due(ca, caRenewBefore(leafValidity), now);
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
