package dev.pingpong.operator.certs;

import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.KeyType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The leaves the operator issues by default (ECDSA P-256, no usages added), for tests that need one. */
public final class Leaves {

    private Leaves() {
    }

    public static IssuedCertificate server(CertificateAuthority ca, List<String> dnsNames, Duration validity, Clock clock) {
        return ca.issue(LeafProfile.server(dnsNames, Set.of(Purpose.SERVER_AUTH), Set.of(), KeyType.P256),
                KeyType.P256.generate(), validity, clock);
    }

    public static IssuedCertificate client(CertificateAuthority ca, String commonName, Duration validity, Clock clock) {
        return ca.issue(new LeafProfile(commonName, List.of(), Set.of(Purpose.CLIENT_AUTH), Set.of(), KeyType.P256),
                KeyType.P256.generate(), validity, clock);
    }
}
