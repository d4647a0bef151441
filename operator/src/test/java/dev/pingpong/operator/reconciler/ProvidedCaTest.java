package dev.pingpong.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.certs.CertificateTemplate;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.certs.KeyType;
import dev.pingpong.operator.certs.CertificateAuthority;
import dev.pingpong.operator.dependent.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvidedCaTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final CertifiedKey CA = CertificateTemplate.authority().commonName("team ca")
            .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).selfSigned();

    @Test
    void readsTheTlsLayoutFirstAndTheCaLayoutOtherwise() throws Exception {
        CertifiedKey other = CertificateTemplate.authority().commonName("other ca")
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).selfSigned();
        CertificateAuthority tls = load(secret(Map.of(SecretData.TLS_CRT, CA.certificatePem(),
                SecretData.TLS_KEY, CA.privateKeyPem(), SecretData.CA_CRT, other.certificatePem(),
                SecretData.CA_KEY, other.privateKeyPem())));
        assertEquals(CA.sha256Hex(), tls.certificate().sha256Hex(), "tls.crt and tls.key win");

        CertificateAuthority ca = load(secret(Map.of(SecretData.CA_CRT, other.certificatePem(),
                SecretData.CA_KEY, other.privateKeyPem())));
        assertEquals(other.sha256Hex(), ca.certificate().sha256Hex());
    }

    @Test
    void anRsaCaSigns() throws Exception {
        CertifiedKey rsa = CertificateTemplate.authority().commonName("rsa ca")
                .key(new KeyType(KeyType.Algorithm.RSA, 2048).generate())
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).selfSigned();
        CertificateAuthority ca = load(secret(Map.of(SecretData.TLS_CRT, rsa.certificatePem(),
                SecretData.TLS_KEY, rsa.privateKeyPem())));
        assertEquals(KeyType.of(rsa.leaf().getPublicKey()), KeyType.of(ca.certificate().x509Certificate().getPublicKey()));
    }

    @Test
    void aMissingOrUnlabelledSecretSaysWhatToDo() {
        ProvidedCa.Unavailable missing = assertThrows(ProvidedCa.Unavailable.class,
                () -> ProvidedCa.load("team", "team-ca", Optional.empty(), false, NOW));
        assertEquals(ProvidedCa.NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().startsWith("Secret team/team-ca (tls.caSecretName) does not exist"),
                missing.getMessage());
        ProvidedCa.Unavailable unlabelled = assertThrows(ProvidedCa.Unavailable.class,
                () -> ProvidedCa.load("team", "team-ca", Optional.empty(), true, NOW));
        assertEquals(ProvidedCa.NOT_LABELLED, unlabelled.reason());
        assertEquals("Secret team/team-ca lacks the label pingpong.dev/ca=true; label it so the operator reads it"
                + " and sees its changes", unlabelled.getMessage());
    }

    @Test
    void anUnusableSecretIsInvalidWithTheCause() {
        CertifiedKey leaf = CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName("a leaf")
                .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).signedBy(CA);
        assertInvalid(secret(Map.of(SecretData.TLS_CRT, CA.certificatePem())),
                "holds neither tls.crt and tls.key nor ca.crt and ca.key");
        assertInvalid(secret(Map.of(SecretData.TLS_CRT, leaf.certificatePem(), SecretData.TLS_KEY, leaf.privateKeyPem())),
                "tls.crt and tls.key are no usable CA: certificate CN=a leaf is not a CA");
        assertInvalid(secret(Map.of(SecretData.TLS_CRT, CA.certificatePem(), SecretData.TLS_KEY, leaf.privateKeyPem())),
                "does not match");
        assertInvalid(secret(Map.of(SecretData.CA_CRT, "garbage", SecretData.CA_KEY, CA.privateKeyPem())),
                "ca.crt and ca.key are no usable CA");
        CertifiedKey future = CertificateTemplate.authority().commonName("future ca")
                .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).selfSigned();
        assertInvalid(secret(Map.of(SecretData.TLS_CRT, future.certificatePem(), SecretData.TLS_KEY, future.privateKeyPem())),
                "is not valid before 2026-03-02T10:00:00Z");
    }

    @Test
    void anExpiredCaIsReportedAsSuch() {
        CertifiedKey expired = CertificateTemplate.authority().commonName("old ca")
                .validity(NOW.minus(Duration.ofDays(30)), NOW).selfSigned();
        ProvidedCa.Unavailable e = assertThrows(ProvidedCa.Unavailable.class, () -> load(secret(Map.of(
                SecretData.TLS_CRT, expired.certificatePem(), SecretData.TLS_KEY, expired.privateKeyPem()))));
        assertEquals(ProvidedCa.EXPIRED, e.reason());
        assertEquals("the CA in Secret team/team-ca expired at 2026-03-01T10:00:00Z; put a valid CA into the Secret",
                e.getMessage());
    }

    private static void assertInvalid(Secret secret, String expected) {
        ProvidedCa.Unavailable e = assertThrows(ProvidedCa.Unavailable.class, () -> load(secret));
        assertEquals(ProvidedCa.INVALID, e.reason());
        assertTrue(e.getMessage().startsWith("Secret team/team-ca") || e.getMessage().startsWith("the CA in Secret team/team-ca"),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static CertificateAuthority load(Secret secret) throws ProvidedCa.Unavailable {
        return ProvidedCa.load("team", "team-ca", Optional.of(secret), true, NOW);
    }

    private static Secret secret(Map<String, String> plain) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName("team-ca").withNamespace("team").endMetadata()
                .withType("kubernetes.io/tls").withData(data).build();
    }
}
