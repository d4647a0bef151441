package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.certs.CertificateTemplate;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.ClientSpec;
import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * tls.issuer secret on the test API server: leaves signed by the user's CA, which the operator only reads; a
 * missing, unlabelled or unusable CA Secret reported in CertificateReady; a changed CA reissuing the leaves.
 */
class SecretIssuerTest extends OperatorOnMockServer {

    private static final String CA_SECRET = "team-ca";

    @Test
    void signsBothLeavesWithTheUsersCaAndNeverWritesIt() {
        String ns = "own-ca";
        CertifiedKey ca = ca("team ca");
        Secret stored = putCaSecret(ns, tlsLayout(ca), true);
        Children children = createPair(ns, secretIssuer());

        await("server TLS Secret", () -> tlsSecret(children, Side.SERVER) != null);
        await("client TLS Secret", () -> tlsSecret(children, Side.CLIENT) != null);
        assertSignedBy(children, ca);
        assertEquals(ca.certificatePem(), SecretData.read(tlsSecret(children, Side.SERVER), SecretData.CA_CRT).orElseThrow(),
                "the user's CA is what both sides trust");
        await("CertificateReady", () -> "True".equals(condition(ns, Conditions.CERTIFICATE_READY).map(Condition::getStatus).orElse("")));
        assertNull(secret(ns, children.caSecret()), "no NAME-ca with issuer secret");
        assertEquals(stored.getMetadata().getResourceVersion(), secret(ns, CA_SECRET).getMetadata().getResourceVersion(),
                "the CA Secret is never written");
        assertEquals(stored.getData(), secret(ns, CA_SECRET).getData());
    }

    @Test
    void aMissingThenUnlabelledCaSecretIsReportedUntilItCanBeRead() {
        String ns = "missing-ca";
        Children children = createPair(ns, secretIssuer());
        awaitCertificateReason(ns, ProvidedCa.NOT_FOUND);
        Condition ready = condition(ns, Conditions.READY).orElseThrow();
        assertEquals("False", ready.getStatus());
        assertEquals(ProvidedCa.NOT_FOUND, ready.getReason());
        assertTrue(ready.getMessage().startsWith("no certificates can be issued: Secret missing-ca/team-ca"),
                ready.getMessage());
        assertNull(tlsSecret(children, Side.SERVER), "nothing is issued without the CA");
        assertNull(cluster.deployment(children, Side.SERVER), "nor deployed");

        CertifiedKey ca = ca("late ca");
        putCaSecret(ns, tlsLayout(ca), false);
        cluster.editSpec(ns, "pair", spec -> spec.getClient().setInterval("2s")); // an unlabelled Secret sends the operator no event
        awaitCertificateReason(ns, ProvidedCa.NOT_LABELLED);

        putCaSecret(ns, tlsLayout(ca), true);
        await("leaves issued once the Secret is labelled", () -> tlsSecret(children, Side.CLIENT) != null);
        assertSignedBy(children, ca);
        awaitCertificateReason(ns, "Valid");
    }

    @Test
    void anUnusableCaIsReportedAndAReplacedCaReissuesTheLeaves() {
        String ns = "replaced-ca";
        CertifiedKey first = ca("first ca");
        putCaSecret(ns, tlsLayout(first), true);
        Children children = createPair(ns, secretIssuer());
        await("leaves from the first CA", () -> tlsSecret(children, Side.CLIENT) != null);
        assertSignedBy(children, first);
        String serverBefore = tlsSecret(children, Side.SERVER).getData().get(SecretData.TLS_CRT);

        CertifiedKey leaf = CertificateTemplate.leaf(Purpose.SERVER_AUTH).commonName("not a ca")
                .validity(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(1))).signedBy(first);
        putCaSecret(ns, tlsLayout(leaf), true);
        awaitCertificateReason(ns, ProvidedCa.INVALID);
        assertTrue(condition(ns, Conditions.CERTIFICATE_READY).orElseThrow().getMessage().contains("is not a CA"));
        assertEquals(serverBefore, tlsSecret(children, Side.SERVER).getData().get(SecretData.TLS_CRT),
                "the running pods keep their certificates");

        CertifiedKey second = ca("second ca");
        putCaSecret(ns, Map.of(SecretData.CA_CRT, second.certificatePem(), SecretData.CA_KEY, second.privateKeyPem()), true);
        await("leaves reissued from the second CA", () -> signedBy(tlsSecret(children, Side.SERVER), second)
                && signedBy(tlsSecret(children, Side.CLIENT), second));
        awaitCertificateReason(ns, "Valid");
        assertEquals(second.certificatePem(),
                SecretData.read(tlsSecret(children, Side.CLIENT), SecretData.CA_CRT).orElseThrow());
    }

    @Test
    void switchingFromTheOwnCaToTheUsersDeletesNameCa() {
        String ns = "switch-ca";
        Children children = createPair(ns, new PingPongPairSpec());
        await("NAME-ca", () -> secret(ns, children.caSecret()) != null);
        await("client TLS Secret", () -> tlsSecret(children, Side.CLIENT) != null);

        CertifiedKey ca = ca("team ca");
        putCaSecret(ns, tlsLayout(ca), true);
        cluster.editSpec(ns, "pair", spec -> spec.setTls(secretIssuer().getTls()));
        await("NAME-ca deleted", () -> secret(ns, children.caSecret()) == null);
        await("leaves from the user's CA", () -> signedBy(tlsSecret(children, Side.SERVER), ca)
                && signedBy(tlsSecret(children, Side.CLIENT), ca));
    }

    private static PingPongPairSpec secretIssuer() {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setIssuer(TlsIssuer.SECRET);
        spec.getTls().setCaSecretName(CA_SECRET);
        return spec;
    }

    private static CertifiedKey ca(String commonName) {
        return CertificateTemplate.authority().commonName(commonName)
                .validity(clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(365))).selfSigned();
    }

    private static Map<String, String> tlsLayout(CertifiedKey key) {
        return Map.of(SecretData.TLS_CRT, key.certificatePem(), SecretData.TLS_KEY, key.privateKeyPem());
    }

    private static Children createPair(String ns, PingPongPairSpec spec) {
        spec.setClient(Optional.ofNullable(spec.getClient()).orElseGet(ClientSpec::new));
        return Children.of(cluster.createPair(ns, "pair", spec));
    }

    /** Creates or replaces the user's CA Secret, labelled for the operator or not. */
    private static Secret putCaSecret(String ns, Map<String, String> plain, boolean labelled) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        Secret secret = new SecretBuilder().withNewMetadata().withName(CA_SECRET).withNamespace(ns)
                .withLabels(labelled ? Map.of(ProvidedCa.LABEL, "true") : Map.of()).endMetadata()
                .withType(plain.containsKey(SecretData.TLS_CRT) ? SecretData.TLS_TYPE : "Opaque").withData(data).build();
        return cluster.client().secrets().inNamespace(ns).resource(secret).createOr(existing -> existing.update());
    }

    private static void awaitCertificateReason(String ns, String reason) {
        await("CertificateReady reason " + reason, () -> condition(ns, Conditions.CERTIFICATE_READY)
                .map(condition -> reason.equals(condition.getReason())).orElse(false));
    }

    private static Optional<Condition> condition(String ns, String type) {
        return cluster.condition(ns, "pair", type);
    }

    private static void assertSignedBy(Children children, CertifiedKey ca) {
        assertTrue(signedBy(tlsSecret(children, Side.SERVER), ca), "server leaf signed by the user's CA");
        assertTrue(signedBy(tlsSecret(children, Side.CLIENT), ca), "client leaf signed by the user's CA");
    }

    private static boolean signedBy(Secret tls, CertifiedKey ca) {
        if (tls == null) {
            return false;
        }
        try {
            IssuedCertificate.parse(SecretData.read(tls, SecretData.TLS_CRT).orElseThrow(),
                    SecretData.read(tls, SecretData.TLS_KEY).orElseThrow()).x509Certificate().verify(ca.leaf().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Secret tlsSecret(Children children, Side side) {
        return secret(children.namespace(), children.tlsSecret(side));
    }

    private static Secret secret(String ns, String name) {
        return cluster.client().secrets().inNamespace(ns).withName(name).get();
    }
}
