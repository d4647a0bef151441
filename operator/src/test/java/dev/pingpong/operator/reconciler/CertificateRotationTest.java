package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Renewal at renewAt: new serials from the same CA, Secrets updated in place, status following. */
class CertificateRotationTest extends OperatorOnMockServer {

    @Test
    void renewsLeavesAtRenewAtInPlaceFromTheSameCa() {
        String ns = "rotation";
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setDuration("90s");
        PingPongPair pair = cluster.createPair(ns, "short", spec);
        Children children = Children.of(pair);
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
