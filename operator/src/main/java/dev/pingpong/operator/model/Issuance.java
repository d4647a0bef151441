package dev.pingpong.operator.model;

import dev.pingpong.certs.CertificateTemplate.KeyUse;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.KeyType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a pair's certificates are issued, every default applied: the CA Secret of tls.issuer secret, the leaves' key and whether renewal keeps it, the usages added to both leaves, the extra DNS
 * names of the server certificate, the cluster domain of its Service names and the lifetime of the pair's own CA.
 */
public record Issuance(Optional<String> caSecretName, KeyType key, RotationPolicy rotationPolicy,
                       Set<KeyUsage> usages, List<String> dnsNames, String clusterDomain, Duration caDuration) {

    public Issuance {
        usages = usages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(usages));
        dnsNames = List.copyOf(dnsNames);
    }

    /** The extended key usages of the leaf for {@code own}: its own purpose and every one {@code usages} adds. */
    public Set<Purpose> purposes(Purpose own) {
        EnumSet<Purpose> purposes = EnumSet.of(own);
        usages.forEach(usage -> usage.purpose().ifPresent(purposes::add));
        return Set.copyOf(purposes);
    }

    /**
     * Every usage of the leaf whose own purpose is {@code own}, as a cert-manager Certificate lists them: digital
     * signature, the own purpose, then what tls.usages adds, each once.
     */
    public List<String> spelledUsages(KeyUsage own) {
        Set<String> spelled = new LinkedHashSet<>(List.of(KeyUsage.DIGITAL_SIGNATURE.spelling(), own.spelling()));
        usages.stream().sorted().forEach(usage -> spelled.add(usage.spelling()));
        return List.copyOf(spelled);
    }

    /** The key usage bits both leaves carry besides digital signature. */
    public Set<KeyUse> keyUses() {
        EnumSet<KeyUse> uses = EnumSet.noneOf(KeyUse.class);
        usages.forEach(usage -> usage.keyUse().ifPresent(uses::add));
        return Set.copyOf(uses);
    }
}
