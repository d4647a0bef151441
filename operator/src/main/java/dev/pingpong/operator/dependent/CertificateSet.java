package dev.pingpong.operator.dependent;

import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.certs.RetiredAuthority;
import java.util.Optional;

/**
 * The certificates a pair's Secrets carry after this reconcile: the signing CA, its published successor
 * ({@code nextCa}, trusted but not yet signing) and the retired CA ({@code previousCa}, trusted until its leaves
 * have expired); {@code client} is absent without mutual TLS.
 */
public record CertificateSet(IssuedCertificate ca, Optional<IssuedCertificate> nextCa,
                             Optional<RetiredAuthority> previousCa, IssuedCertificate server,
                             Optional<IssuedCertificate> client) {

    /** What both sides trust ({@code ca.crt} of the TLS Secrets): the signing CA first, then next, then previous. */
    public String trustBundle() {
        StringBuilder bundle = new StringBuilder(ca.certificatePem());
        nextCa.ifPresent(next -> bundle.append(next.certificatePem()));
        previousCa.ifPresent(previous -> bundle.append(previous.certificatePem()));
        return bundle.toString();
    }
}
