package dev.pingpong.certs;

import dev.pingpong.certs.testing.RsaCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertifiedKeyTest {

    @TempDir
    Path dir;

    @Test
    void ecChainAndKeyRoundTripThroughPemFiles() throws Exception {
        CertifiedKey authority = Certificates.certificateAuthority("roundtrip CA", Duration.ofDays(1));
        CertifiedKey server = Certificates.issue(authority, Certificates.DEFAULT_NAMES, Duration.ofDays(1));
        CertifiedKey loaded = writeAndLoad(server);

        assertEquals(2, loaded.chain().size(), "leaf and CA");
        assertArrayEquals(server.leaf().getEncoded(), loaded.leaf().getEncoded());
        assertArrayEquals(authority.leaf().getEncoded(), loaded.chain().get(1).getEncoded());
        assertArrayEquals(server.privateKey().getEncoded(), loaded.privateKey().getEncoded());
        assertEquals(server.sha256Hex(), loaded.sha256Hex());
        assertEquals("EC", loaded.keyType());
        assertTrue(Files.readString(dir.resolve("tls.key")).startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8");
    }

    @Test
    void rsaPairLoads() throws Exception {
        CertifiedKey rsa = RsaCertificates.selfSigned("rsa.example");
        CertifiedKey loaded = writeAndLoad(rsa);
        assertEquals("RSA", loaded.keyType());
        assertEquals(rsa.sha256Hex(), loaded.sha256Hex());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        CertifiedKey first = Certificates.selfSigned();
        CertifiedKey second = Certificates.selfSigned();
        Files.writeString(dir.resolve("tls.crt"), first.certificatePem());
        Files.writeString(dir.resolve("tls.key"), second.privateKeyPem());

        GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                () -> CertifiedKey.load(dir.resolve("tls.crt"), dir.resolve("tls.key")));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void rsaKeyForEcCertificateIsRefused() throws Exception {
        CertifiedKey ec = Certificates.selfSigned();
        CertifiedKey rsa = RsaCertificates.selfSigned("rsa.example");
        assertThrows(GeneralSecurityException.class, () -> CertifiedKey.of(ec.chain(), rsa.privateKey()));
    }

    @Test
    void truncatedOrEmptyPemIsRefusedWithAReason() throws Exception {
        String pem = Certificates.selfSigned().certificatePem();
        byte[] truncated = pem.substring(0, pem.length() / 2).getBytes(StandardCharsets.US_ASCII);
        assertThrows(Exception.class, () -> Pem.readCertificates(truncated));
        GeneralSecurityException none = assertThrows(GeneralSecurityException.class,
                () -> Pem.readCertificates("not pem at all\n".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(none.getMessage().contains("no PEM CERTIFICATE"), none.getMessage());
        assertThrows(GeneralSecurityException.class, () -> Pem.readPrivateKey(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyChainIsRefused() {
        assertThrows(GeneralSecurityException.class,
                () -> CertifiedKey.of(List.of(), KeyPairs.p256().getPrivate()));
    }

    @Test
    void issuedLeafCarriesItsIssuerChain() {
        CertifiedKey authority = Certificates.certificateAuthority("chain CA", Duration.ofDays(1));
        CertifiedKey client = Certificates.issue(authority, List.of("chain-client"), Duration.ofDays(1));
        assertEquals(authority.leaf().getSubjectX500Principal(), client.leaf().getIssuerX500Principal());
        assertEquals(List.of(client.leaf(), authority.leaf()), client.chain());
        assertTrue(client.leaf().getBasicConstraints() < 0, "leaf is not a CA");
        assertEquals(0, authority.leaf().getBasicConstraints(), "CA signs leaves only");
        assertTrue(client.notAfter().isBefore(java.time.Instant.now().plus(Duration.ofDays(2))));
    }

    private CertifiedKey writeAndLoad(CertifiedKey key) throws Exception {
        Files.writeString(dir.resolve("tls.crt"), key.certificatePem());
        Files.writeString(dir.resolve("tls.key"), key.privateKeyPem());
        return CertifiedKey.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    }
}
