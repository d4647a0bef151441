package dev.pingpong.operator.certs;

import dev.pingpong.certs.CertificateTemplate;
import dev.pingpong.certs.CertificateTemplate.KeyUse;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.CommonNames;
import dev.pingpong.certs.KeyType;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a leaf says besides its validity: common name, DNS names, extended key usages ({@code purposes}), key usages
 * besides digitalSignature and the type of its key. A stored leaf that no longer {@link #fits} is reissued, so a
 * changed spec reaches the Secrets at once.
 */
public record LeafProfile(String commonName, List<String> dnsNames, Set<Purpose> purposes, Set<KeyUse> keyUses,
                         KeyType keyType) {

    /** GeneralName tag of a dNSName in X509Certificate.getSubjectAlternativeNames(). */
    private static final int DNS_NAME = 2;

    public LeafProfile {
        dnsNames = List.copyOf(dnsNames);
        purposes = Set.copyOf(purposes);
        keyUses = Set.copyOf(keyUses);
        if (purposes.isEmpty()) {
            throw new IllegalArgumentException("a leaf needs at least one purpose");
        }
    }

    /** A server leaf: {@code dnsNames} as SANs, the first (shortened to fit) also its CN. */
    public static LeafProfile server(List<String> dnsNames, Set<Purpose> purposes, Set<KeyUse> keyUses, KeyType keyType) {
        if (dnsNames == null || dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name");
        }
        return new LeafProfile(CommonNames.fit(dnsNames.get(0)), dnsNames, purposes, keyUses, keyType);
    }

    /** True when {@code certificate} carries exactly these DNS names, usages and key type. */
    public boolean fits(IssuedCertificate certificate) {
        X509Certificate x509 = certificate.x509Certificate();
        return dnsNames.equals(dnsNames(x509)) && purposes.equals(Purpose.of(x509)) && keyUses.equals(KeyUse.of(x509))
                && keyType.equals(KeyType.of(x509.getPublicKey()));
    }

    CertificateTemplate template() {
        Purpose[] all = purposes.stream().sorted().toArray(Purpose[]::new);
        Purpose[] more = Arrays.copyOfRange(all, 1, all.length);
        return CertificateTemplate.leaf(all[0], more).commonName(commonName).names(dnsNames).keyUses(keyUses);
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names.stream()
                    .filter(name -> Integer.valueOf(DNS_NAME).equals(name.get(0)))
                    .map(name -> (String) name.get(1))
                    .toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
