package dev.pingpong.certs;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificatesTest {

    @Test
    void selfSignedIsP256WithDefaultNamesAndTenDays() throws Exception {
        CertifiedKey key = Certificates.selfSigned();
        X509Certificate leaf = key.leaf();

        ECPublicKey publicKey = (ECPublicKey) leaf.getPublicKey();
        assertEquals(256, publicKey.getParams().getCurve().getField().getFieldSize());
        assertTrue(publicKey.getParams().toString().contains("secp256r1")
                || publicKey.getParams().toString().contains("1.2.840.10045.3.1.7"), publicKey.getParams().toString());
        assertEquals("SHA256withECDSA", leaf.getSigAlgName());

        Duration validity = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertEquals(Duration.ofDays(10), validity);
        assertTrue(validity.compareTo(Duration.ofDays(14)) <= 0);
        leaf.checkValidity();
        assertTrue(leaf.getNotBefore().toInstant().isBefore(Instant.now()));

        assertEquals(Set.of("2:localhost", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), subjectAlternativeNames(leaf));
        assertEquals(-1, leaf.getBasicConstraints(), "not a CA");
        assertTrue(leaf.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
    }

    @Test
    void hashIsLowerCaseHexSha256OfDerLeaf() throws Exception {
        CertifiedKey key = Certificates.selfSigned();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.leaf().getEncoded()));
        assertEquals(expected, key.sha256Hex());
        assertTrue(key.sha256Hex().matches("[0-9a-f]{64}"));
        assertEquals(key.leaf().getNotAfter().toInstant(), key.notAfter());
    }

    @Test
    void namesAndValidityAreHonoured() throws Exception {
        CertifiedKey key = Certificates.selfSigned(List.of("pingpong.test", "10.1.2.3"), Duration.ofDays(14));
        assertEquals(Set.of("2:pingpong.test", "7:10.1.2.3"), subjectAlternativeNames(key.leaf()));
        assertEquals(Duration.ofDays(14),
                Duration.between(key.leaf().getNotBefore().toInstant(), key.leaf().getNotAfter().toInstant()));
    }

    @Test
    void aFirstNameTooLongForACommonNameIsShortenedThereAndKeptWholeInTheSans() throws Exception {
        String longName = "a".repeat(63) + "." + "b".repeat(63) + ".example";
        CertifiedKey key = Certificates.selfSigned(List.of(longName), Duration.ofDays(1));
        assertEquals("CN=" + CommonNames.fit(longName), key.leaf().getSubjectX500Principal().getName());
        assertEquals(Set.of("2:" + longName), subjectAlternativeNames(key.leaf()));
    }

    @Test
    void validityLongerThanBrowsersPinIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Certificates.selfSigned(Certificates.DEFAULT_NAMES, Duration.ofDays(14).plusSeconds(1)));
        assertTrue(e.getMessage().contains("14 days"), e.getMessage());
    }

    @Test
    void everyCertificateIsNew() {
        assertFalse(Certificates.selfSigned().sha256Hex().equals(Certificates.selfSigned().sha256Hex()));
    }

    @Test
    void userGivenHashesAreNormalized() {
        String hash = Certificates.selfSigned().sha256Hex();
        String withColons = hash.toUpperCase().replaceAll("(..)(?!$)", "$1:");
        assertEquals(hash, CertificateHashes.parseSha256Hex(withColons));
        assertThrows(IllegalArgumentException.class, () -> CertificateHashes.parseSha256Hex(hash.substring(2)));
        assertThrows(IllegalArgumentException.class, () -> CertificateHashes.parseSha256Hex("zz" + hash.substring(2)));
    }

    private static Set<String> subjectAlternativeNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream()
                .map(entry -> entry.get(0) + ":" + entry.get(1))
                .collect(Collectors.toSet());
    }
}
