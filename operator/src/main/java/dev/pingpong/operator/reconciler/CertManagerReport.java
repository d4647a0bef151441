package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.certs.ServedCertificate;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.CertificateStatus;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The certificate state of a pair whose certificates cert-manager issues, read from its Certificates (their Ready
 * condition, as cert-manager words it, and renewalTime) and from the server TLS Secret cert-manager wrote (the
 * certificate actually served: its notAfter and the hash browsers pin). cert-manager renews on its own; its writes
 * to the Certificates and Secrets are the events that bring the operator back.
 */
final class CertManagerReport {

    static final String MISSING = "CertManagerMissing";
    static final String ISSUING = "Issuing";

    private CertManagerReport() {
    }

    /**
     * The report when the API server does not serve cert-manager's Certificates: looked at again later.
     * {@code secrets}: the TLS Secret of each side; {@code renewNowHandled}: the renew-now value handled (null: none).
     */
    static CertificateReport missing(EffectiveSpec spec, Function<Side, Optional<Secret>> secrets,
                                     String renewNowHandled, Instant lookAgainAt) {
        return new CertificateReport(false, MISSING, "tls.issuer is certManager, but the API server does not serve "
                + "cert-manager.io/v1 Certificates: install cert-manager, or choose another tls.issuer; looking again "
                + "every " + CertManagerApi.RECHECK.toSeconds() + "s",
                served(secrets, Optional.empty(), spec, renewNowHandled), Optional.of(lookAgainAt));
    }

    /** The report from the pair's Certificates as the informers last saw them, and the TLS Secrets. */
    static CertificateReport of(EffectiveSpec spec, Children children, Function<Side, Optional<Certificate>> certificates,
                                Function<Side, Optional<Secret>> secrets, String renewNowHandled) {
        Optional<Certificate> server = certificates.apply(Side.SERVER);
        Optional<CertificateStatus> status = served(secrets, server.map(Certificate::getStatus)
                .map(s -> s.getRenewalTime()).flatMap(CertManagerReport::instant), spec, renewNowHandled);
        for (Side side : spec.mutualTls() ? List.of(Side.SERVER, Side.CLIENT) : List.of(Side.SERVER)) {
            String name = children.certificate(side);
            Optional<String> notReady = notReady(certificates.apply(side), name);
            if (notReady.isPresent()) {
                Optional<CertificateCondition> ready = certificates.apply(side).flatMap(CertManagerReport::readyCondition);
                String reason = ready.map(CertificateCondition::getReason).filter(r -> !r.isBlank()).orElse(ISSUING);
                return new CertificateReport(false, reason, notReady.get(), status, Optional.empty());
            }
        }
        String issuer = spec.issuerRef().map(Object::toString).orElse("?");
        String message = status.map(s -> "server certificate from " + issuer + " valid until " + s.getNotAfter()
                        + ", renewed by cert-manager at " + s.getRenewAt())
                .orElse("cert-manager reports the Certificates ready, but Secret " + children.tlsSecret(Side.SERVER)
                        + " holds no readable certificate yet");
        return new CertificateReport(status.isPresent(), status.isPresent() ? CertificateReport.VALID : ISSUING,
                message, status, Optional.empty());
    }

    /** Why {@code certificate} does not (yet) give what it asks for, in cert-manager's words; empty when it does. */
    private static Optional<String> notReady(Optional<Certificate> certificate, String name) {
        if (certificate.isEmpty()) {
            return Optional.of("waiting for Certificate " + name + " to be stored");
        }
        Optional<CertificateCondition> ready = readyCondition(certificate.get());
        if (ready.isEmpty()) {
            return Optional.of("Certificate " + name + ": cert-manager has not reported on it yet");
        }
        if (!"True".equals(ready.get().getStatus())) {
            return Optional.of("Certificate " + name + " is not ready: " + ready.get().getMessage());
        }
        Long generation = certificate.get().getMetadata().getGeneration();
        Long observed = ready.get().getObservedGeneration();
        if (generation != null && observed != null && observed < generation) {
            return Optional.of("Certificate " + name + ": cert-manager has not yet issued generation " + generation
                    + " of it");
        }
        return Optional.empty();
    }

    private static Optional<CertificateCondition> readyCondition(Certificate certificate) {
        return Optional.ofNullable(certificate.getStatus()).map(status -> status.getConditions())
                .flatMap(conditions -> conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst());
    }

    /**
     * status.certificate from the certificate in the server Secret: renewed at cert-manager's {@code renewalTime}, or,
     * until it tells, at notAfter minus tls.renewBefore (what the Certificate asks of it); with mutual TLS, the client
     * Secret's certificate's hash.
     */
    private static Optional<CertificateStatus> served(Function<Side, Optional<Secret>> secrets,
                                                      Optional<Instant> renewalTime, EffectiveSpec spec,
                                                      String renewNowHandled) {
        return leaf(secrets.apply(Side.SERVER)).map(leaf -> {
            CertificateStatus status = new CertificateStatus(Conditions.timestamp(leaf.notAfter()),
                    Conditions.timestamp(renewalTime.orElse(leaf.notAfter().minus(spec.tlsRenewBefore()))),
                    leaf.sha256Hex());
            if (spec.mutualTls()) {
                status.setClientSha256(leaf(secrets.apply(Side.CLIENT)).map(ServedCertificate::sha256Hex).orElse(null));
            }
            status.setRenewNowHandled(renewNowHandled);
            return status;
        });
    }

    /** The certificate in a TLS Secret; empty if there is none or it does not parse. */
    static Optional<ServedCertificate> leaf(Optional<Secret> secret) {
        return secret.flatMap(s -> SecretData.read(s, SecretData.TLS_CRT)).flatMap(pem -> {
            try {
                return Optional.of(ServedCertificate.parse(pem));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
