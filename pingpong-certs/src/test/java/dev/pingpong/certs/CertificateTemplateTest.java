package dev.pingpong.certs;

import dev.pingpong.certs.CertificateTemplate.Purpose;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

import javax.naming.ldap.LdapName;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.pingpong.certs.testing.CertificatePaths.validate;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateTemplateTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Instant START = Instant.parse("2026-03-01T11:59:00Z");
    private static final Instant END = Instant.parse("2026-03-11T12:00:00Z");

    private final CertifiedKey ca = CertificateTemplate.authority().commonName("test ca").validity(START, END).selfSigned();

    @Test
    void anAuthoritySignsLeavesOnly() throws Exception {
        X509Certificate x509 = ca.leaf();
        assertEquals(0, x509.getBasicConstraints(), "CA:true, path length 0");
        assertTrue(x509.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")),
                "basicConstraints and keyUsage critical");
        boolean[] usage = x509.getKeyUsage();
        assertTrue(usage[5] && usage[6], "keyCertSign and cRLSign");
        assertFalse(usage[0], "a CA does not sign handshakes");
        assertNull(x509.getExtendedKeyUsage());
        assertEquals("CN=test ca", x509.getSubjectX500Principal().getName());
        assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
        x509.verify(x509.getPublicKey());
        assertEquals(List.of(x509), ca.chain());
        assertEquals(START, ca.leaf().getNotBefore().toInstant());
        assertEquals(END, ca.notAfter());
    }

    @Test
    void aLeafCarriesItsPurposesNamesAndIssuerKeyIdentifier() throws Exception {
        CertifiedKey leaf = CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName("demo-server")
                .names(List.of("demo-server", "demo-server.team.svc", "10.0.0.1")).validity(START, END).signedBy(ca);
        X509Certificate x509 = leaf.leaf();

        assertEquals(-1, x509.getBasicConstraints(), "a leaf is no CA");
        assertTrue(x509.getKeyUsage()[0], "digitalSignature");
        assertFalse(x509.getKeyUsage()[5], "no keyCertSign");
        assertEquals(List.of(SERVER_AUTH), x509.getExtendedKeyUsage());
        assertEquals(Set.of(List.of(2, "demo-server"), List.of(2, "demo-server.team.svc"), List.of(7, "10.0.0.1")),
                Set.copyOf(x509.getSubjectAlternativeNames()));
        assertEquals(List.of(x509, ca.leaf()), leaf.chain());
        assertArrayEquals(keyIdentifier(ca.leaf()), authorityKeyIdentifier(x509));
        assertEquals("SHA256withECDSA", x509.getSigAlgName());
        validate(x509, ca.leaf(), START.plusSeconds(1));
        assertThrows(CertPathValidatorException.class, () -> validate(x509, ca.leaf(), END.plusSeconds(1)));
    }

    @Test
    void aLeafMayServeBothSides() throws Exception {
        CertifiedKey leaf = CertificateTemplate.leaf(Purpose.CLIENT_AUTH, Purpose.SERVER_AUTH).commonName("both")
                .validity(START, END).selfSigned();
        assertEquals(List.of(SERVER_AUTH, CLIENT_AUTH), leaf.leaf().getExtendedKeyUsage());
        assertEquals(Set.of(Purpose.SERVER_AUTH, Purpose.CLIENT_AUTH), Purpose.of(leaf.leaf()), "read back");
        assertEquals(Set.of(), Purpose.of(ca.leaf()), "a CA has no extended key usage");
        assertNull(leaf.leaf().getSubjectAlternativeNames());
    }

    @Test
    void onlyAnAuthoritySigns() {
        CertifiedKey leaf = CertificateTemplate.leaf(Purpose.CLIENT_AUTH).commonName("leaf").validity(START, END).signedBy(ca);
        CertificateTemplate next = CertificateTemplate.leaf(Purpose.CLIENT_AUTH).commonName("next").validity(START, END);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> next.signedBy(leaf));
        assertTrue(e.getMessage().contains("CN=leaf is not a CA"), e.getMessage());
    }

    @Test
    void aCommonNameLongerThanRfc5280AllowsIsRefusedClearly() {
        String longest = "n".repeat(CommonNames.MAX_LENGTH);
        assertEquals("CN=" + longest, CertificateTemplate.authority().commonName(longest).validity(START, END)
                .selfSigned().leaf().getSubjectX500Principal().getName());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CertificateTemplate.authority().commonName(longest + "n"));
        assertTrue(e.getMessage().contains("RFC 5280 allows at most 64"), e.getMessage());
    }

    @Test
    void aCommonNameWithSeparatorsStaysOneAttribute() throws Exception {
        X509Certificate x509 = CertificateTemplate.leaf(Purpose.CLIENT_AUTH).commonName("a,O=evil")
                .validity(START, END).signedBy(ca).leaf();
        assertEquals(1, new LdapName(x509.getSubjectX500Principal().getName()).size());
        assertEquals("CN=a\\,O\\=evil", x509.getSubjectX500Principal().getName());
    }

    @Test
    void meaninglessRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CertificateTemplate.authority().validity(END, START));
        assertThrows(IllegalArgumentException.class, () -> CertificateTemplate.authority().validity(END, END));
        assertThrows(IllegalStateException.class, () -> CertificateTemplate.authority().validity(START, END).selfSigned());
        assertThrows(IllegalStateException.class, () -> CertificateTemplate.authority().commonName("x").selfSigned());
    }

    @Test
    void validForCountsTheClockSkewInside() {
        Instant before = Instant.now();
        X509Certificate x509 = CertificateTemplate.authority().commonName("x").validFor(Duration.ofHours(1)).selfSigned().leaf();
        Instant notBefore = x509.getNotBefore().toInstant();
        assertFalse(notBefore.isAfter(before.minus(CertificateTemplate.CLOCK_SKEW)), notBefore.toString());
        assertEquals(Duration.ofHours(1), Duration.between(notBefore, x509.getNotAfter().toInstant()));
    }

    @Test
    void everyCertificateHasAFreshKeyAndSerial() {
        CertificateTemplate template = CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName("c").validity(START, END);
        CertifiedKey first = template.signedBy(ca);
        CertifiedKey second = template.signedBy(ca);
        assertFalse(first.leaf().getPublicKey().equals(second.leaf().getPublicKey()));
        assertFalse(first.leaf().getSerialNumber().equals(second.leaf().getSerialNumber()));
        assertTrue(first.leaf().getSerialNumber().signum() > 0, "positive serial");
        assertTrue(first.leaf().getSerialNumber().bitLength() <= 159, "fits the 20-octet limit");
    }

    @Test
    void aLeafCarriesTheKeyUsesAskedForBesidesDigitalSignature() {
        boolean[] usage = CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName("s")
                .keyUses(Set.of(CertificateTemplate.KeyUse.KEY_ENCIPHERMENT)).validity(START, END).signedBy(ca)
                .leaf().getKeyUsage();
        assertTrue(usage[0] && usage[2], "digitalSignature and keyEncipherment");
        assertFalse(usage[4], "no keyAgreement");
        boolean[] agreement = CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName("s")
                .keyUses(Set.of(CertificateTemplate.KeyUse.KEY_AGREEMENT)).validity(START, END).signedBy(ca)
                .leaf().getKeyUsage();
        assertTrue(agreement[0] && agreement[4] && !agreement[2], "digitalSignature and keyAgreement only");
        assertEquals(Set.of(CertificateTemplate.KeyUse.KEY_ENCIPHERMENT), CertificateTemplate.KeyUse.of(
                CertificateTemplate.leaf(Purpose.CLIENT_AUTH).commonName("c")
                        .keyUses(Set.of(CertificateTemplate.KeyUse.KEY_ENCIPHERMENT)).validity(START, END).selfSigned().leaf()),
                "read back from the certificate");
        assertEquals(Set.of(), CertificateTemplate.KeyUse.of(ca.leaf()), "a CA's bits are no leaf's uses");
    }

    @Test
    void aGivenKeyIsCertifiedAndEachSignerSignsWithItsOwnAlgorithm() throws Exception {
        KeyType rsa = new KeyType(KeyType.Algorithm.RSA, 2048);
        CertifiedKey rsaCa = CertificateTemplate.authority().commonName("rsa ca").key(rsa.generate())
                .validity(START, END).selfSigned();
        assertEquals("SHA256withRSA", rsaCa.leaf().getSigAlgName());
        assertEquals(rsa, KeyType.of(rsaCa.leaf().getPublicKey()));

        java.security.KeyPair p384 = new KeyType(KeyType.Algorithm.EC, 384).generate();
        CertifiedKey leaf = CertificateTemplate.leaf(Purpose.CLIENT_AUTH).commonName("c").key(p384)
                .validity(START, END).signedBy(rsaCa);
        assertEquals(p384.getPublic(), leaf.leaf().getPublicKey(), "the given key, not a fresh one");
        assertEquals("SHA256withRSA", leaf.leaf().getSigAlgName(), "signed as its RSA issuer signs");
        validate(leaf.leaf(), rsaCa.leaf(), START.plusSeconds(1));

        CertifiedKey p384Ca = CertificateTemplate.authority().commonName("p384 ca").key(p384)
                .validity(START, END).selfSigned();
        assertEquals("SHA384withECDSA", p384Ca.leaf().getSigAlgName());
        assertEquals("SHA384withECDSA", CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName("s")
                .validity(START, END).signedBy(p384Ca).leaf().getSigAlgName());
    }

    private static byte[] keyIdentifier(X509Certificate certificate) {
        return SubjectKeyIdentifier.getInstance(extension(certificate, Extension.subjectKeyIdentifier.getId()))
                .getKeyIdentifier();
    }

    private static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        return AuthorityKeyIdentifier.getInstance(extension(certificate, Extension.authorityKeyIdentifier.getId()))
                .getKeyIdentifierObject().getOctets();
    }

    private static byte[] extension(X509Certificate certificate, String oid) {
        return ASN1OctetString.getInstance(certificate.getExtensionValue(oid)).getOctets();
    }
}
