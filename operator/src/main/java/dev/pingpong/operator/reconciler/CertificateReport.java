package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.certs.RenewalSchedule;
import dev.pingpong.operator.dependent.CertificateSet;
import dev.pingpong.operator.model.CertificateStatus;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.status.Conditions;
import java.time.Instant;
import java.util.Optional;

/**
 * What the status says of a pair's certificates, whoever issued them: the CertificateReady condition,
 * {@code status.certificate} (the server certificate in the Secret, when there is one), and when to look again
 * without an event (empty: events will tell).
 */
record CertificateReport(boolean ready, String reason, String message, Optional<CertificateStatus> certificate,
                         Optional<Instant> lookAgainAt) {

    static final String VALID = "Valid";

    /**
     * The certificates the operator issued this reconcile: valid, and due again at their next renewal;
     * {@code renewNowHandled} is the renew-now value handled so far (null: none).
     */
    static CertificateReport issuedBySelf(CertificateSet certificates, EffectiveSpec spec, String renewNowHandled) {
        IssuedCertificate server = certificates.server();
        Instant renewAt = RenewalSchedule.renewAt(server, spec.tlsRenewBefore(), certificates.ca());
        CertificateStatus status = new CertificateStatus(Conditions.timestamp(server.notAfter()),
                Conditions.timestamp(renewAt), server.sha256Hex());
        status.setClientSha256(certificates.client().map(IssuedCertificate::sha256Hex).orElse(null));
        status.setRenewNowHandled(renewNowHandled);
        return new CertificateReport(true, VALID,
                "server certificate valid until " + server.notAfter() + ", renewed at " + renewAt,
                Optional.of(status),
                Optional.of(CertificateKeeper.nextRenewal(certificates, spec)));
    }
}
