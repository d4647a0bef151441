package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.certs.CertificateAuthority;
import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.certs.RenewalSchedule;
import dev.pingpong.operator.dependent.CertificateSet;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.EffectiveSpec;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which certificates a pair's Secrets carry: the stored ones as long as they are readable, issued by the
 * current CA and not due for renewal; otherwise freshly issued ones. Reusing stored data is what keeps a desired
 * Secret identical from one reconcile to the next.
 */
final class CertificateKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateKeeper.class);

    /** The Secrets as the informers last saw them. */
    record Stored(Optional<Secret> ca, Optional<Secret> server, Optional<Secret> client) {
    }

    /** The certificates to write, and how many stored leaves were replaced by renewal (for the metrics). */
    record Outcome(CertificateSet certificates, int renewals) {
    }

    private final Clock clock;

    CertificateKeeper(Clock clock) {
        this.clock = clock;
    }

    Outcome keep(Stored stored, EffectiveSpec spec, Children children) {
        Instant now = clock.instant();
        Optional<IssuedCertificate> storedCa = stored.ca().flatMap(secret -> read(secret, SecretData.CA_CRT, SecretData.CA_KEY));
        CertificateAuthority ca;
        if (storedCa.isPresent() && !RenewalSchedule.caDue(storedCa.get(), spec.tlsDuration(), now)) {
            ca = CertificateAuthority.load(storedCa.get());
        } else {
            ca = CertificateAuthority.create(children.commonName("ca"), RenewalSchedule.caValidity(spec.tlsDuration()), clock);
            LOG.info("issued CA pair={}/{} notAfter={} replaced={}", children.namespace(), children.pair(),
                    ca.certificate().notAfter(), storedCa.isPresent());
        }
        Leaf server = leaf(stored.server(), ca, spec, now,
                () -> ca.issueServer(children.serverDnsNames(), spec.tlsDuration(), clock));
        Optional<Leaf> client = spec.mutualTls()
                ? Optional.of(leaf(stored.client(), ca, spec, now,
                        () -> ca.issueClient(children.commonName("client"), spec.tlsDuration(), clock)))
                : Optional.empty();
        int renewals = (server.renewed ? 1 : 0) + client.map(leaf -> leaf.renewed ? 1 : 0).orElse(0);
        if (server.issued || client.map(leaf -> leaf.issued).orElse(false)) {
            LOG.info("issued certificates pair={}/{} serverSerial={} notAfter={} renewals={}", children.namespace(),
                    children.pair(), server.certificate.serial(), server.certificate.notAfter(), renewals);
        }
        return new Outcome(new CertificateSet(ca.certificate(), server.certificate, client.map(leaf -> leaf.certificate)),
                renewals);
    }

    /** The earliest moment one of {@code certificates} is due: when the next reconcile must happen at the latest. */
    static Instant nextRenewal(CertificateSet certificates, EffectiveSpec spec) {
        Instant next = RenewalSchedule.renewAt(certificates.ca(), RenewalSchedule.caRenewBefore(spec.tlsDuration()));
        for (IssuedCertificate leaf : certificates.client().isPresent()
                ? List.of(certificates.server(), certificates.client().get())
                : List.of(certificates.server())) {
            Instant renewAt = RenewalSchedule.renewAt(leaf, spec.tlsRenewBefore());
            next = renewAt.isBefore(next) ? renewAt : next;
        }
        return next;
    }

    private record Leaf(IssuedCertificate certificate, boolean issued, boolean renewed) {
    }

    private static Leaf leaf(Optional<Secret> secret, CertificateAuthority ca, EffectiveSpec spec, Instant now,
                             Supplier<IssuedCertificate> issue) {
        Optional<IssuedCertificate> stored = secret
                .filter(s -> SecretData.read(s, SecretData.CA_CRT).map(ca.certificate().certificatePem()::equals).orElse(false))
                .flatMap(s -> read(s, SecretData.TLS_CRT, SecretData.TLS_KEY));
        if (stored.isPresent() && !RenewalSchedule.due(stored.get(), spec.tlsRenewBefore(), now)) {
            return new Leaf(stored.get(), false, false);
        }
        return new Leaf(issue.get(), true, secret.isPresent());
    }

    /** A stored certificate and key, or empty when missing or unreadable (then it is simply issued anew). */
    private static Optional<IssuedCertificate> read(Secret secret, String certificateKey, String privateKeyKey) {
        Optional<String> certificate = SecretData.read(secret, certificateKey);
        Optional<String> key = SecretData.read(secret, privateKeyKey);
        if (certificate.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(IssuedCertificate.parse(certificate.get(), key.get()));
        } catch (IllegalArgumentException e) {
            LOG.warn("unreadable certificate in Secret {}/{}, issuing a new one: {}",
                    secret.getMetadata().getNamespace(), secret.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }
}
