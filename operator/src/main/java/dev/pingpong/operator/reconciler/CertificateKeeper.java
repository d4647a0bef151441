package dev.pingpong.operator.reconciler;

import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.KeyType;
import dev.pingpong.operator.certs.CertificateAuthority;
import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.certs.LeafProfile;
import dev.pingpong.operator.certs.RenewalSchedule;
import dev.pingpong.operator.certs.RetiredAuthority;
import dev.pingpong.operator.dependent.CertificateSet;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Issuance;
import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.model.RotationPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which certificates a pair's Secrets carry: the stored ones as long as they are readable, signed by the
 * current CA and not due for renewal; otherwise freshly issued ones. A CA rollover runs in two steps (see
 * {@link RenewalSchedule}): publish the successor next to the signing CA, later let it sign and keep the retired
 * CA trusted until it expires. Reusing stored data is what keeps a desired
 * Secret identical from one reconcile to the next.
 */
final class CertificateKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateKeeper.class);

    /** The Secrets as the informers last saw them. */
    record Stored(Optional<Secret> ca, Optional<Secret> server, Optional<Secret> client) {
    }

    /**
     * The certificates to write; how many stored leaves were replaced by renewal (for the metrics); whether
     * something was issued where nothing usable was stored (a new pair, a deleted Secret, an expired CA), and
     * whether the successor CA started signing now (for the Events).
     */
    record Outcome(CertificateSet certificates, int renewals, boolean issued, boolean caRolledOver) {
    }

    private final Clock clock;

    CertificateKeeper(Clock clock) {
        this.clock = clock;
    }

    /**
     * Issuer self: the pair's own CA from NAME-ca, created and rolled over here, and leaves it signs;
     * {@code renewLeaves} replaces the stored leaves even if they are not due.
     */
    Outcome keep(Stored stored, EffectiveSpec spec, Children children, boolean renewLeaves) {
        Instant now = clock.instant();
        return leaves(authorities(stored.ca(), spec, children, now), stored, spec, children, now, renewLeaves);
    }

    /** Issuer secret: leaves signed by {@code provided}, the user's CA, which alone is trusted. */
    Outcome keep(CertificateAuthority provided, Stored stored, EffectiveSpec spec, Children children,
                 boolean renewLeaves) {
        return leaves(new Authorities(provided, Optional.empty(), Optional.empty(), false, false), stored, spec,
                children, clock.instant(), renewLeaves);
    }

    private Outcome leaves(Authorities authorities, Stored stored, EffectiveSpec spec, Children children, Instant now,
                           boolean renewLeaves) {
        Issuance issuance = spec.issuance();
        CertificateAuthority ca = authorities.signing();
        LeafProfile serverProfile = LeafProfile.server(serverDnsNames(children, issuance), issuance.purposes(Purpose.SERVER_AUTH),
                issuance.keyUses(), issuance.key());
        Leaf server = leaf(stored.server(), serverProfile, ca, spec, now, renewLeaves);
        Optional<Leaf> client = spec.mutualTls()
                ? Optional.of(leaf(stored.client(), new LeafProfile(children.commonName("client"), List.of(),
                        issuance.purposes(Purpose.CLIENT_AUTH), issuance.keyUses(), issuance.key()), ca, spec, now,
                        renewLeaves))
                : Optional.empty();
        int renewals = (server.renewed ? 1 : 0) + client.map(leaf -> leaf.renewed ? 1 : 0).orElse(0);
        if (server.issued || client.map(leaf -> leaf.issued).orElse(false)) {
            LOG.info("issued certificates pair={}/{} serverSerial={} notAfter={} key={} renewals={}",
                    children.namespace(), children.pair(), server.certificate.serial(), server.certificate.notAfter(),
                    issuance.key(), renewals);
        }
        boolean issuedAnew = authorities.created() || (server.issued && !server.renewed)
                || client.map(leaf -> leaf.issued && !leaf.renewed).orElse(false);
        return new Outcome(new CertificateSet(ca.certificate(), authorities.next(), authorities.previous(),
                server.certificate, client.map(leaf -> leaf.certificate)), renewals, issuedAnew,
                authorities.promoted());
    }

    /**
     * The server certificate's DNS names, whoever issues it: the Service's four names in the pair's cluster domain,
     * then tls.dnsNames (a name listed twice is carried once).
     */
    static List<String> serverDnsNames(Children children, Issuance issuance) {
        Set<String> names = new LinkedHashSet<>(children.serverDnsNames(issuance.clusterDomain()));
        names.addAll(issuance.dnsNames());
        return List.copyOf(names);
    }

    /**
     * The signing CA, its published successor and the retired CA still trusted, as stored or as they move on now;
     * {@code created} when the signing CA was made now, {@code promoted} when the successor started signing now.
     */
    private record Authorities(CertificateAuthority signing, Optional<IssuedCertificate> next,
                               Optional<RetiredAuthority> previous, boolean created, boolean promoted) {
    }

    private Authorities authorities(Optional<Secret> secret, EffectiveSpec spec, Children children, Instant now) {
        Optional<CertificateAuthority> current = secret.flatMap(s -> readCa(s, SecretData.CA_CRT, SecretData.CA_KEY));
        Optional<CertificateAuthority> next = secret.flatMap(s -> readCa(s, SecretData.CA_NEXT_CRT, SecretData.CA_NEXT_KEY));
        if (current.isPresent() && next.isPresent() && !now.isBefore(
                RenewalSchedule.promoteAt(current.get().certificate(), next.get().certificate(), spec.tlsDuration()))) {
            IssuedCertificate retired = current.get().certificate();
            LOG.info("CA rollover pair={}/{} signingNotAfter={} retiredNotAfter={}", children.namespace(),
                    children.pair(), next.get().certificate().notAfter(), retired.notAfter());
            return new Authorities(next.get(), Optional.empty(),
                    Optional.of(RetiredAuthority.of(retired)).filter(retiredCa -> now.isBefore(retiredCa.notAfter())),
                    false, true);
        }
        if (current.isEmpty() || !now.isBefore(current.get().certificate().notAfter())) {
            // Nothing trustworthy is stored (first reconcile, a deleted Secret, or an expired CA): start over.
            CertificateAuthority ca = createCa(spec, children);
            LOG.info("issued CA pair={}/{} notAfter={} replaced={}", children.namespace(), children.pair(),
                    ca.certificate().notAfter(), secret.isPresent());
            return new Authorities(ca, Optional.empty(), Optional.empty(), true, false);
        }
        IssuedCertificate currentCa = current.get().certificate();
        if (next.isEmpty() && RenewalSchedule.caDue(currentCa, spec.tlsDuration(), now)) {
            next = Optional.of(createCa(spec, children));
            LOG.info("published next CA pair={}/{} notAfter={} signsFrom={}", children.namespace(), children.pair(),
                    next.get().certificate().notAfter(),
                    RenewalSchedule.promoteAt(currentCa, next.get().certificate(), spec.tlsDuration()));
        }
        Optional<RetiredAuthority> previous = secret.flatMap(CertificateKeeper::readRetiredCa)
                .filter(retired -> now.isBefore(retired.notAfter()));
        return new Authorities(current.get(), next.map(CertificateAuthority::certificate), previous, false, false);
    }

    private CertificateAuthority createCa(EffectiveSpec spec, Children children) {
        return CertificateAuthority.create(children.commonName("ca"), spec.issuance().caDuration(), clock);
    }

    /** The earliest moment one of {@code certificates} is due: when the next reconcile must happen at the latest. */
    static Instant nextRenewal(CertificateSet certificates, EffectiveSpec spec) {
        // The user's CA is not renewed here: when it expires, the pair reports it.
        Instant next = spec.tlsIssuer() != TlsIssuer.SELF ? certificates.ca().notAfter() : certificates.nextCa()
                .map(successor -> RenewalSchedule.promoteAt(certificates.ca(), successor, spec.tlsDuration()))
                .orElseGet(() -> RenewalSchedule.renewAt(certificates.ca(), RenewalSchedule.caRenewBefore(spec.tlsDuration())));
        if (certificates.previousCa().isPresent() && certificates.previousCa().get().notAfter().isBefore(next)) {
            next = certificates.previousCa().get().notAfter();
        }
        for (IssuedCertificate leaf : certificates.client().isPresent()
                ? List.of(certificates.server(), certificates.client().get())
                : List.of(certificates.server())) {
            Instant renewAt = RenewalSchedule.renewAt(leaf, spec.tlsRenewBefore(), certificates.ca());
            next = renewAt.isBefore(next) ? renewAt : next;
        }
        return next;
    }

    private record Leaf(IssuedCertificate certificate, boolean issued, boolean renewed) {
    }

    /**
     * The stored leaf while it is readable, {@link LeafProfile#fits fits} the profile, is signed by {@code ca}, is
     * not due and no renewal is asked for ({@code renew}); otherwise a new one, counted as a renewal when a Secret was
     * stored. With rotationPolicy Never the new one certifies the stored key again, if that key is of the profile's
     * type.
     */
    private Leaf leaf(Optional<Secret> secret, LeafProfile profile, CertificateAuthority ca, EffectiveSpec spec,
                      Instant now, boolean renew) {
        Optional<IssuedCertificate> readable = secret.flatMap(s -> read(s, SecretData.TLS_CRT, SecretData.TLS_KEY));
        Optional<IssuedCertificate> stored = readable.filter(profile::fits).filter(ca::signed);
        if (stored.isPresent() && !renew
                && now.isBefore(RenewalSchedule.renewAt(stored.get(), spec.tlsRenewBefore(), ca.certificate()))) {
            return new Leaf(stored.get(), false, false);
        }
        KeyPair keys = readable.filter(old -> spec.issuance().rotationPolicy() == RotationPolicy.NEVER)
                .map(IssuedCertificate::keyPair)
                .filter(kept -> KeyType.of(kept.getPublic()).equals(profile.keyType()))
                .orElseGet(() -> profile.keyType().generate());
        return new Leaf(ca.issue(profile, keys, spec.tlsDuration(), clock), true, secret.isPresent());
    }

    private static Optional<CertificateAuthority> readCa(Secret secret, String certificateKey, String privateKeyKey) {
        return read(secret, certificateKey, privateKeyKey).flatMap(certificate -> {
            try {
                return Optional.of(CertificateAuthority.load(certificate));
            } catch (IllegalArgumentException e) {
                warnUnreadable(secret, e);
                return Optional.empty();
            }
        });
    }

    /** The retired CA's certificate, or empty when there is none or it is unreadable (then it is no longer trusted). */
    private static Optional<RetiredAuthority> readRetiredCa(Secret secret) {
        return SecretData.read(secret, SecretData.CA_PREVIOUS_CRT).flatMap(certificate -> {
            try {
                return Optional.of(RetiredAuthority.parse(certificate));
            } catch (IllegalArgumentException e) {
                warnUnreadable(secret, e);
                return Optional.empty();
            }
        });
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
            warnUnreadable(secret, e);
            return Optional.empty();
        }
    }

    private static void warnUnreadable(Secret secret, IllegalArgumentException e) {
        LOG.warn("unreadable certificate in Secret {}/{}, not using it: {}",
                secret.getMetadata().getNamespace(), secret.getMetadata().getName(), e.getMessage());
    }
}
