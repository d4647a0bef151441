package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Renewal at renewAt: new serials from the same CA, Secrets updated in place, status following. CA rollover: the
 * successor is trusted before it signs, and the retired CA stays trusted until it expires.
 */
class CertificateRotationTest extends OperatorOnMockServer {

    @Test
    void renewsLeavesAtRenewAtInPlaceFromTheSameCa() {
        String ns = "rotation";
        Children children = createShortLivedPair(ns, "90s");
        await("status with certificate", () -> status(ns) != null && status(ns).getCertificate() != null);
        await("client Deployment", () -> cluster.deployment(children, Side.CLIENT) != null);

        Secret serverBefore = secret(children, Side.SERVER);
        Secret clientBefore = secret(children, Side.CLIENT);
        IssuedCertificate server = leaf(serverBefore);
        assertEquals(Conditions.timestamp(server.notAfter().minusSeconds(30)), status(ns).getCertificate().getRenewAt(),
                "renewBefore defaults to a third of tls.duration");
        assertEquals(server.sha256Hex(), status(ns).getCertificate().getSha256());

        clock.advance(Duration.ofSeconds(59));
        cluster.nudge(children, Side.SERVER);
        long reconciles = metrics.reconciliations();
        await("a reconcile before renewAt", () -> metrics.reconciliations() > reconciles);
        assertEquals(serverBefore.getData(), secret(children, Side.SERVER).getData(), "not due yet: reused");

        clock.advance(Duration.ofSeconds(2));
        cluster.nudge(children, Side.SERVER);
        await("server certificate renewed", () -> !leaf(secret(children, Side.SERVER)).serial().equals(server.serial()));
        await("client certificate renewed", () -> !secret(children, Side.CLIENT).getData().get(SecretData.TLS_CRT)
                .equals(clientBefore.getData().get(SecretData.TLS_CRT)));

        Secret serverAfter = secret(children, Side.SERVER);
        IssuedCertificate renewed = leaf(serverAfter);
        assertEquals(serverBefore.getMetadata().getUid(), serverAfter.getMetadata().getUid(), "updated in place");
        assertEquals(clientBefore.getMetadata().getUid(), secret(children, Side.CLIENT).getMetadata().getUid());
        assertEquals(serverBefore.getData().get(SecretData.CA_CRT), serverAfter.getData().get(SecretData.CA_CRT),
                "same CA");
        assertEquals(clock.instant().plusSeconds(90), renewed.notAfter());
        assertNotEquals(server.sha256Hex(), renewed.sha256Hex());
        await("status shows the renewed certificate", () -> renewed.sha256Hex().equals(status(ns).getCertificate().getSha256()));
        assertEquals(Conditions.timestamp(renewed.notAfter()), status(ns).getCertificate().getNotAfter());
        assertEquals(2, metrics.renewals());
        await("a Renewed Event", () -> cluster.events(ns, PairEvents.RENEWED).size() == 1);
        assertTrue(cluster.events(ns, PairEvents.RENEWED).get(0).getMessage().startsWith("renewed 2 leaf certificates"));
    }

    @Test
    void rollsTheCaOverWithATrustBundleThatCoversBothCas() {
        Children children = createShortLivedPair("ca-rollover", "60s");
        await("client Deployment", () -> cluster.deployment(children, Side.CLIENT) != null);
        await("client TLS Secret", () -> secret(children, Side.CLIENT) != null);
        String first = caData(children, SecretData.CA_CRT);
        assertTrusted(children, List.of(first));

        // The CA lives 10m and is due when fewer than 2m remain: its successor is published, not yet signing.
        clock.advance(Duration.ofMinutes(8));
        cluster.nudge(children, Side.SERVER);
        await("next CA published", () -> caData(children, SecretData.CA_NEXT_CRT) != null);
        String second = caData(children, SecretData.CA_NEXT_CRT);
        assertEquals(first, caData(children, SecretData.CA_CRT), "the current CA still signs");
        await("both CAs trusted", () -> trusts(children, List.of(first, second)));
        assertSignedBy(children, first);
        assertStableAcrossReconciles(children);

        // One leaf lifetime later the successor signs; the retired CA stays trusted.
        clock.advance(Duration.ofSeconds(61));
        cluster.nudge(children, Side.SERVER);
        await("successor signs", () -> second.equals(caData(children, SecretData.CA_CRT)));
        assertNull(caData(children, SecretData.CA_NEXT_CRT));
        assertEquals(first, caData(children, SecretData.CA_PREVIOUS_CRT));
        await("leaves reissued and both CAs trusted", () -> trusts(children, List.of(second, first))
                && signedBy(secret(children, Side.SERVER), second) && signedBy(secret(children, Side.CLIENT), second));
        assertFalse(signedBy(secret(children, Side.SERVER), first));
        assertStableAcrossReconciles(children);
        assertEquals(1, cluster.events("ca-rollover", PairEvents.CA_ROLLED_OVER).size(), "one Event per rollover");
        assertTrue(cluster.events("ca-rollover", PairEvents.CA_ROLLED_OVER).get(0).getMessage()
                .contains("the retired CA stays trusted until"));

        // The retired CA expires (10m after it was issued), and with it every leaf it signed: it is dropped.
        clock.advance(Duration.ofSeconds(60));
        cluster.nudge(children, Side.SERVER);
        await("only the new CA trusted", () -> trusts(children, List.of(second)));
        assertNull(caData(children, SecretData.CA_PREVIOUS_CRT));
        assertEquals(Set.of(SecretData.CA_CRT, SecretData.CA_KEY), ca(children).getData().keySet());
        assertSignedBy(children, second);
        assertStableAcrossReconciles(children);
    }

    private static Children createShortLivedPair(String ns, String tlsDuration) {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setDuration(tlsDuration);
        return Children.of(cluster.createPair(ns, "short", spec));
    }

    /** Two reconciles at the same instant write nothing: the desired Secrets derive from stored data only. */
    private static void assertStableAcrossReconciles(Children children) {
        List<String> before = secretVersions(children);
        for (int i = 0; i < 2; i++) {
            long reconciles = metrics.reconciliations();
            cluster.nudge(children, Side.SERVER);
            await("a reconcile at the same instant", () -> metrics.reconciliations() > reconciles);
        }
        assertEquals(before, secretVersions(children), "Secrets rewritten without a change of time");
    }

    private static List<String> secretVersions(Children children) {
        return List.of(ca(children).getMetadata().getResourceVersion(),
                secret(children, Side.SERVER).getMetadata().getResourceVersion(),
                secret(children, Side.CLIENT).getMetadata().getResourceVersion());
    }

    private static void assertTrusted(Children children, List<String> cas) {
        assertTrue(trusts(children, cas), "ca.crt of both TLS Secrets holds exactly " + cas.size() + " CA(s)");
    }

    private static boolean trusts(Children children, List<String> cas) {
        return String.join("", cas).equals(SecretData.read(secret(children, Side.SERVER), SecretData.CA_CRT).orElseThrow())
                && String.join("", cas).equals(SecretData.read(secret(children, Side.CLIENT), SecretData.CA_CRT).orElseThrow());
    }

    private static void assertSignedBy(Children children, String caPem) {
        assertTrue(signedBy(secret(children, Side.SERVER), caPem), "server leaf chains to the signing CA");
        assertTrue(signedBy(secret(children, Side.CLIENT), caPem), "client leaf chains to the signing CA");
    }

    private static boolean signedBy(Secret tls, String caPem) {
        try {
            leaf(tls).x509Certificate().verify(certificate(caPem).getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate certificate(String pem) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Secret ca(Children children) {
        return cluster.client().secrets().inNamespace(children.namespace()).withName(children.caSecret()).get();
    }

    private static String caData(Children children, String key) {
        return SecretData.read(ca(children), key).orElse(null);
    }

    private static dev.pingpong.operator.model.PingPongPairStatus status(String ns) {
        PingPongPair pair = cluster.pair(ns, "short");
        return pair == null ? null : pair.getStatus();
    }

    private static Secret secret(Children children, Side side) {
        return cluster.client().secrets().inNamespace(children.namespace()).withName(children.tlsSecret(side)).get();
    }

    private static IssuedCertificate leaf(Secret secret) {
        return IssuedCertificate.parse(SecretData.read(secret, SecretData.TLS_CRT).orElseThrow(),
                SecretData.read(secret, SecretData.TLS_KEY).orElseThrow());
    }
}
