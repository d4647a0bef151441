package dev.pingpong.operator.reconciler;

import static dev.pingpong.certs.testing.CertificatePaths.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.certs.CertificateTemplate;
import dev.pingpong.certs.CertificateTemplate.KeyUse;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.certs.KeyType;
import dev.pingpong.operator.certs.CertificateAuthority;
import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.dependent.CertificateSet;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.model.KeyAlgorithm;
import dev.pingpong.operator.model.KeyUsage;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.PrivateKeySpec;
import dev.pingpong.operator.model.RotationPolicy;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.testing.MutableClock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the certificate settings of tls put into the leaves, decided without an API server. */
class CertificateKeeperTest {

    private static final Images IMAGES = new Images("server:1", "client:1");
    private static final Children CHILDREN = new Children("demo", "team");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final CertificateKeeper keeper = new CertificateKeeper(clock);

    @Test
    void theServerCertificateNamesTheServiceInThePairsClusterDomainThenTheExtraNames() {
        TlsSpec tls = tls();
        tls.setClusterDomain("cluster.example");
        tls.setDnsNames(List.of("pingpong.example.com", "demo-server.team", "*.pingpong.example.com"));
        CertificateSet issued = keep(tls, empty());

        assertEquals(List.of("demo-server", "demo-server.team", "demo-server.team.svc",
                "demo-server.team.svc.cluster.example", "pingpong.example.com", "*.pingpong.example.com"),
                dnsNames(issued.server().x509Certificate()), "a name listed twice is carried once");
        assertEquals(List.of(), dnsNames(issued.client().orElseThrow().x509Certificate()));
    }

    @Test
    void theOperatorsClusterDomainIsTheDefault() {
        CertificateSet issued = keep(tls(), empty());
        assertEquals("demo-server.team.svc.cluster.local", dnsNames(issued.server().x509Certificate()).get(3));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ECDSA, 256", "ECDSA, 384", "RSA, 2048", "RSA, 3072", "RSA, 4096"})
    void issuesBothLeavesWithTheAskedKeyFromTheP256Ca(KeyAlgorithm algorithm, int size) throws Exception {
        TlsSpec tls = tls();
        tls.setPrivateKey(new PrivateKeySpec());
        tls.getPrivateKey().setAlgorithm(algorithm);
        tls.getPrivateKey().setSize(size);
        CertificateSet issued = keep(tls, empty());

        KeyType asked = algorithm.keyType(size);
        for (IssuedCertificate leaf : List.of(issued.server(), issued.client().orElseThrow())) {
            assertEquals(asked, KeyType.of(leaf.x509Certificate().getPublicKey()));
            assertEquals(asked, KeyType.of(leaf.privateKey()), "the stored key is the certified one");
            assertEquals("SHA256withECDSA", leaf.x509Certificate().getSigAlgName(), "signed by the P-256 CA");
            validate(leaf.x509Certificate(), issued.ca().x509Certificate(), clock.instant());
        }
        assertEquals(KeyType.P256, KeyType.of(issued.ca().x509Certificate().getPublicKey()));
    }

    @Test
    void usagesAreAddedToEachLeafsOwn() {
        CertificateSet plain = keep(tls(), empty());
        assertEquals(Set.of(Purpose.SERVER_AUTH), Purpose.of(plain.server().x509Certificate()));
        assertEquals(Set.of(Purpose.CLIENT_AUTH), Purpose.of(plain.client().orElseThrow().x509Certificate()));
        assertEquals(Set.of(), KeyUse.of(plain.server().x509Certificate()));

        TlsSpec tls = tls();
        tls.setUsages(List.of(KeyUsage.CLIENT_AUTH, KeyUsage.KEY_ENCIPHERMENT, KeyUsage.DIGITAL_SIGNATURE));
        CertificateSet issued = keep(tls, empty());
        X509Certificate server = issued.server().x509Certificate();
        X509Certificate client = issued.client().orElseThrow().x509Certificate();
        assertEquals(Set.of(Purpose.SERVER_AUTH, Purpose.CLIENT_AUTH), Purpose.of(server));
        assertEquals(Set.of(Purpose.CLIENT_AUTH), Purpose.of(client));
        for (X509Certificate leaf : List.of(server, client)) {
            assertEquals(Set.of(KeyUse.KEY_ENCIPHERMENT), KeyUse.of(leaf));
            assertEquals(true, leaf.getKeyUsage()[0], "digitalSignature");
        }
    }

    @Test
    void rotationPolicyNeverCertifiesTheStoredKeyAgainAndAlwaysMakesANewOne() {
        TlsSpec never = tls();
        never.setPrivateKey(new PrivateKeySpec());
        never.getPrivateKey().setRotationPolicy(RotationPolicy.NEVER);
        CertificateSet first = keep(never, empty());
        clock.advance(Duration.ofHours(161));
        CertificateSet renewed = keep(never, stored(first));
        assertNotEquals(first.server().serial(), renewed.server().serial(), "renewed: due after 160h");
        assertEquals(first.server().x509Certificate().getPublicKey(), renewed.server().x509Certificate().getPublicKey());
        assertEquals(first.client().orElseThrow().x509Certificate().getPublicKey(),
                renewed.client().orElseThrow().x509Certificate().getPublicKey());

        CertificateSet always = keep(tls(), stored(renewed));
        assertEquals(renewed.server(), always.server(), "a changed policy alone reissues nothing");
        clock.advance(Duration.ofHours(161));
        CertificateSet rotated = keep(tls(), stored(always));
        assertNotEquals(always.server().x509Certificate().getPublicKey(), rotated.server().x509Certificate().getPublicKey());
    }

    @Test
    void aChangedSettingReissuesAtOnceAndNeverKeepsNoKeyOfAnotherType() {
        TlsSpec never = tls();
        never.setPrivateKey(new PrivateKeySpec());
        never.getPrivateKey().setRotationPolicy(RotationPolicy.NEVER);
        CertificateSet first = keep(never, empty());
        assertEquals(first, keep(never, stored(first)), "nothing changed, nothing due: all kept");

        never.getPrivateKey().setAlgorithm(KeyAlgorithm.RSA);
        CertificateSet rsa = keep(never, stored(first));
        assertEquals(new KeyType(KeyType.Algorithm.RSA, 2048), KeyType.of(rsa.server().x509Certificate().getPublicKey()));
        assertEquals(first.ca(), rsa.ca());

        never.setDnsNames(List.of("pingpong.example.com"));
        CertificateSet named = keep(never, stored(rsa));
        assertNotEquals(rsa.server().serial(), named.server().serial());
        assertEquals(rsa.server().x509Certificate().getPublicKey(), named.server().x509Certificate().getPublicKey(),
                "same key type: the key is kept");
        assertEquals(rsa.client().orElseThrow(), named.client().orElseThrow(), "the client certificate has no DNS names");
    }

    @Test
    void theCaLivesCaDuration() {
        TlsSpec tls = tls();
        tls.setDuration("1h");
        tls.setCaDuration("3h");
        CertificateSet issued = keep(tls, empty());
        assertEquals(clock.instant().plus(Duration.ofHours(3)), issued.ca().notAfter());
        assertEquals(clock.instant().plus(Duration.ofHours(240 * 10)), keep(tls(), empty()).ca().notAfter(),
                "default: ten leaf lifetimes");
    }

    @Test
    void aProvidedCaSignsBothLeavesWithItsOwnAlgorithmAndIsTheOnlyTrust() throws Exception {
        CertificateAuthority provided = rsaCa(Duration.ofDays(100));
        TlsSpec tls = secretIssuer();
        CertificateSet issued = keepSignedBy(provided, tls, empty());
        assertEquals(provided.certificate(), issued.ca());
        assertEquals(provided.certificate().certificatePem(), issued.trustBundle());
        for (IssuedCertificate leaf : List.of(issued.server(), issued.client().orElseThrow())) {
            assertEquals("SHA256withRSA", leaf.x509Certificate().getSigAlgName());
            assertEquals(KeyType.P256, KeyType.of(leaf.x509Certificate().getPublicKey()), "the leaves' own key type");
            validate(leaf.x509Certificate(), provided.certificate().x509Certificate(), clock.instant());
        }
        assertEquals(issued, keepSignedBy(provided, tls, stored(issued)), "kept while valid");

        CertificateAuthority replaced = rsaCa(Duration.ofDays(100));
        CertificateSet reissued = keepSignedBy(replaced, tls, stored(issued));
        assertNotEquals(issued.server().serial(), reissued.server().serial(), "a new CA reissues at once");
        assertTrue(replaced.signed(reissued.server()) && replaced.signed(reissued.client().orElseThrow()));
    }

    @Test
    void aLeafCappedAtAnExpiringCaIsKeptAndLookedAtAgainWhenTheCaExpires() {
        CertificateAuthority shortLived = rsaCa(Duration.ofHours(100));
        TlsSpec tls = secretIssuer();
        CertificateSet issued = keepSignedBy(shortLived, tls, empty());
        assertEquals(shortLived.certificate().notAfter(), issued.server().notAfter(), "capped: the CA ends first");
        clock.advance(Duration.ofHours(90));
        assertEquals(issued, keepSignedBy(shortLived, tls, stored(issued)), "past renewAt, yet a new one could not last longer");
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(tls);
        assertEquals(shortLived.certificate().notAfter(),
                CertificateKeeper.nextRenewal(issued, EffectiveSpec.resolve(spec, IMAGES, "cluster.local")));
    }

    private CertificateAuthority rsaCa(Duration validity) {
        CertifiedKey ca = CertificateTemplate.authority().commonName("team ca")
                .key(new KeyType(KeyType.Algorithm.RSA, 2048).generate())
                .validity(clock.instant().minusSeconds(60), clock.instant().plus(validity)).selfSigned();
        return CertificateAuthority.load(IssuedCertificate.parse(ca.certificatePem(), ca.privateKeyPem()));
    }

    private static TlsSpec secretIssuer() {
        TlsSpec tls = new TlsSpec();
        tls.setIssuer(TlsIssuer.SECRET);
        tls.setCaSecretName("team-ca");
        return tls;
    }

    private CertificateSet keepSignedBy(CertificateAuthority provided, TlsSpec tls, CertificateKeeper.Stored stored) {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(tls);
        return keeper.keep(provided, stored, EffectiveSpec.resolve(spec, IMAGES, "cluster.local"), CHILDREN, false)
                .certificates();
    }

    private static TlsSpec tls() {
        return new TlsSpec();
    }

    private CertificateSet keep(TlsSpec tls, CertificateKeeper.Stored stored) {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(tls);
        return keeper.keep(stored, EffectiveSpec.resolve(spec, IMAGES, "cluster.local"), CHILDREN, false).certificates();
    }

    private static CertificateKeeper.Stored empty() {
        return new CertificateKeeper.Stored(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The Secrets the workflow writes for {@code certificates}, as the informers would then hold them. */
    private static CertificateKeeper.Stored stored(CertificateSet certificates) {
        return new CertificateKeeper.Stored(Optional.of(SecretData.ca(CHILDREN, certificates)),
                Optional.of(SecretData.tls(CHILDREN, Side.SERVER, certificates.server(), certificates.trustBundle())),
                certificates.client().map(client -> SecretData.tls(CHILDREN, Side.CLIENT, client, certificates.trustBundle())));
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            return certificate.getSubjectAlternativeNames() == null ? List.of()
                    : certificate.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
        } catch (java.security.cert.CertificateParsingException e) {
            throw new AssertionError(e);
        }
    }
}
