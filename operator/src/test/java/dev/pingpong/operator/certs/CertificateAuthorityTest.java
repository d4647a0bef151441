package dev.pingpong.operator.certs;

import static dev.pingpong.certs.testing.CertificatePaths.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration LEAF = Duration.ofHours(240);
    private static final List<String> SERVER_NAMES = List.of("demo-server", "demo-server.team",
            "demo-server.team.svc", "demo-server.team.svc.cluster.local");

    private final CertificateAuthority ca = CertificateAuthority.create("demo-ca", Duration.ofHours(2400), CLOCK);

    @Test
    void caIsAP256CertificateAuthorityValidFromAMinuteAgo() throws Exception {
        X509Certificate x509 = ca.certificate().x509Certificate();
        assertTrue(x509.getBasicConstraints() >= 0, "basicConstraints CA:true");
        assertTrue(x509.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints critical");
        assertTrue(x509.getKeyUsage()[5], "keyCertSign");
        assertEquals("CN=demo-ca", x509.getSubjectX500Principal().getName());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        x509.verify(x509.getPublicKey());
        assertP256(x509);
        assertEquals(NOW.minusSeconds(60), ca.certificate().notBefore());
        assertEquals(NOW.plus(Duration.ofHours(2400)), ca.certificate().notAfter());
        assertTrue(ca.certificate().privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM");
    }

    @Test
    void serverLeafChainsToTheCaWithSansAndServerAuth() throws Exception {
        IssuedCertificate leaf = Leaves.server(ca, SERVER_NAMES, LEAF, CLOCK);
        X509Certificate x509 = leaf.x509Certificate();

        assertChainValid(x509, NOW);
        assertEquals(List.of(SERVER_AUTH), x509.getExtendedKeyUsage());
        assertEquals(Set.copyOf(SERVER_NAMES), x509.getSubjectAlternativeNames().stream()
                .filter(name -> (Integer) name.get(0) == 2).map(name -> (String) name.get(1)).collect(Collectors.toSet()));
        assertEquals("CN=demo-server", x509.getSubjectX500Principal().getName());
        assertEquals(-1, x509.getBasicConstraints(), "a leaf is no CA");
        assertTrue(x509.getKeyUsage()[0], "digitalSignature");
        assertP256(x509);
        assertEquals(NOW.minusSeconds(60), leaf.notBefore());
        assertEquals(NOW.plus(LEAF), leaf.notAfter());
        assertTrue(leaf.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM");
    }

    @Test
    void clientLeafChainsToTheCaWithClientAuth() throws Exception {
        IssuedCertificate leaf = Leaves.client(ca, "demo-client", LEAF, CLOCK);
        X509Certificate x509 = leaf.x509Certificate();

        assertChainValid(x509, NOW);
        assertEquals(List.of(CLIENT_AUTH), x509.getExtendedKeyUsage());
        assertEquals("CN=demo-client", x509.getSubjectX500Principal().getName());
        assertNull(x509.getSubjectAlternativeNames());
        assertP256(x509);
    }

    @Test
    void chainDoesNotVerifyOutsideTheValidityOrAgainstAnotherCa() throws Exception {
        X509Certificate leaf = Leaves.server(ca, SERVER_NAMES, LEAF, CLOCK).x509Certificate();
        assertThrows(CertPathValidatorException.class, () -> assertChainValid(leaf, NOW.plus(LEAF).plusSeconds(1)));
        assertThrows(CertPathValidatorException.class, () -> assertChainValid(leaf, NOW.minusSeconds(61)));

        CertificateAuthority other = CertificateAuthority.create("other-ca", Duration.ofHours(2400), CLOCK);
        assertThrows(CertPathValidatorException.class,
                () -> validate(leaf, other.certificate().x509Certificate(), NOW));
    }

    @Test
    void serialsArePositiveAndRandom() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            BigInteger serial = Leaves.client(ca, "c" + i, LEAF, CLOCK).serial();
            assertTrue(serial.signum() > 0, "positive serial");
            assertTrue(serial.bitLength() <= 159, "fits the 20-octet limit");
            serials.add(serial);
        }
        serials.add(ca.certificate().serial());
        assertEquals(6, serials.size());
    }

    @Test
    void sha256IsTheLowerCaseHexOfTheDerLeaf() throws Exception {
        IssuedCertificate leaf = Leaves.server(ca, SERVER_NAMES, LEAF, CLOCK);
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(leaf.x509Certificate().getEncoded()));
        assertEquals(expected, leaf.sha256Hex());
        assertTrue(leaf.sha256Hex().matches("[0-9a-f]{64}"), leaf.sha256Hex());
    }

    @Test
    void parseRoundTripsIssuedCertificatesAndLoadRestoresTheCa() throws Exception {
        IssuedCertificate leaf = Leaves.server(ca, SERVER_NAMES, LEAF, CLOCK);
        assertEquals(leaf, IssuedCertificate.parse(leaf.certificatePem(), leaf.privateKeyPem()));

        IssuedCertificate stored = IssuedCertificate.parse(ca.certificate().certificatePem(), ca.certificate().privateKeyPem());
        CertificateAuthority reloaded = CertificateAuthority.load(stored);
        assertEquals(ca.certificate(), reloaded.certificate());
        assertChainValid(Leaves.client(reloaded, "after-restart", LEAF, CLOCK).x509Certificate(), NOW);
    }

    @Test
    void parseRefusesBadInputClearly() {
        IssuedCertificate leaf = Leaves.server(ca, SERVER_NAMES, LEAF, CLOCK);
        IssuedCertificate other = Leaves.client(ca, "other", LEAF, CLOCK);
        assertThrows(IllegalArgumentException.class, () -> IssuedCertificate.parse("", leaf.privateKeyPem()));
        assertThrows(IllegalArgumentException.class, () -> IssuedCertificate.parse("garbage", leaf.privateKeyPem()));
        assertThrows(IllegalArgumentException.class, () -> IssuedCertificate.parse(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", leaf.privateKeyPem()));
        assertThrows(IllegalArgumentException.class, () -> IssuedCertificate.parse(leaf.privateKeyPem(), leaf.privateKeyPem()));
        assertThrows(IllegalArgumentException.class, () -> IssuedCertificate.parse(leaf.certificatePem(), leaf.certificatePem()));
        assertThrows(IllegalArgumentException.class, () -> IssuedCertificate.parse(leaf.certificatePem(), null));
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> IssuedCertificate.parse(leaf.certificatePem(), other.privateKeyPem()));
        assertTrue(mismatch.getMessage().contains("does not match"), mismatch.getMessage());
    }

    @Test
    void loadRefusesALeaf() {
        IssuedCertificate leaf = Leaves.client(ca, "not-a-ca", LEAF, CLOCK);
        assertThrows(IllegalArgumentException.class, () -> CertificateAuthority.load(leaf));
    }

    @Test
    void aLeafNeverOutlivesItsCa() {
        CertificateAuthority shortCa = CertificateAuthority.create("short-ca", Duration.ofHours(1), CLOCK);
        IssuedCertificate leaf = Leaves.server(shortCa, SERVER_NAMES, Duration.ofHours(2), CLOCK);
        assertEquals(shortCa.certificate().notAfter(), leaf.notAfter());
    }

    @Test
    void refusesMeaninglessRequests() {
        assertThrows(IllegalArgumentException.class, () -> Leaves.server(ca, List.of(), LEAF, CLOCK));
        assertThrows(IllegalArgumentException.class, () -> Leaves.client(ca, " ", LEAF, CLOCK));
        assertThrows(IllegalArgumentException.class, () -> Leaves.client(ca, "c", Duration.ZERO, CLOCK));
        assertThrows(IllegalArgumentException.class, () -> CertificateAuthority.create("x", Duration.ofSeconds(-1), CLOCK));
    }

    @Test
    void freshKeysForEveryCertificate() {
        IssuedCertificate first = Leaves.client(ca, "c", LEAF, CLOCK);
        IssuedCertificate second = Leaves.client(ca, "c", LEAF, CLOCK);
        assertNotEquals(first.privateKeyPem(), second.privateKeyPem());
        assertNotEquals(first.sha256Hex(), second.sha256Hex());
    }

    private void assertChainValid(X509Certificate leaf, Instant at) throws Exception {
        validate(leaf, ca.certificate().x509Certificate(), at);
    }

    private static void assertP256(X509Certificate x509) {
        ECPublicKey key = (ECPublicKey) x509.getPublicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertEquals(new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16),
                ((java.security.spec.ECFieldFp) key.getParams().getCurve().getField()).getP(), "the P-256 prime");
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
    }

    @Test
    void knowsWhichLeavesItSigned() {
        IssuedCertificate leaf = Leaves.client(ca, "c", LEAF, CLOCK);
        CertificateAuthority other = CertificateAuthority.create("other-ca", Duration.ofHours(2400), CLOCK);
        assertTrue(ca.signed(leaf));
        assertFalse(other.signed(leaf));
    }

    @Test
    void aRetiredAuthorityIsReadFromItsCertificateAloneAndMustBeACa() {
        RetiredAuthority retired = RetiredAuthority.parse(ca.certificate().certificatePem());
        assertEquals(RetiredAuthority.of(ca.certificate()), retired);
        assertEquals(ca.certificate().notAfter(), retired.notAfter());
        String leafPem = Leaves.client(ca, "c", LEAF, CLOCK).certificatePem();
        assertThrows(IllegalArgumentException.class, () -> RetiredAuthority.parse(leafPem));
    }
}
