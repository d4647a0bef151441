package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.isTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.IssuerRef;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.FakeCertManager;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

/**
 * An operator in a cluster without cert-manager: it starts (no Certificate informer is started while their CRD is
 * missing), serves pairs issued by itself, and tells a pair that asks for cert-manager what is missing; once
 * cert-manager is installed, that pair gets its certificates without an operator restart.
 */
class CertManagerMissingTest extends OperatorOnMockServer {

    @Test
    void aPairAskingForCertManagerIsToldItIsMissingWhileOthersAreServed() {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setIssuer(TlsIssuer.CERT_MANAGER);
        IssuerRef issuer = new IssuerRef();
        issuer.setName("ca-issuer");
        spec.getTls().setIssuerRef(issuer);
        cluster.createPair("cm-absent", "wants-cm", spec);
        cluster.createPair("cm-absent", "self", new PingPongPairSpec());

        await("CertificateReady False", () -> cluster.condition("cm-absent", "wants-cm", Conditions.CERTIFICATE_READY)
                .isPresent());
        Condition condition = cluster.condition("cm-absent", "wants-cm", Conditions.CERTIFICATE_READY).orElseThrow();
        assertEquals("False", condition.getStatus());
        assertEquals(CertManagerReport.MISSING, condition.getReason());
        assertTrue(condition.getMessage().contains("does not serve cert-manager.io/v1 Certificates: install cert-manager"),
                condition.getMessage());
        assertEquals(CertManagerReport.MISSING,
                cluster.condition("cm-absent", "wants-cm", Conditions.READY).orElseThrow().getReason());
        Children wantsCm = new Children("wants-cm", "cm-absent");
        await("its Deployments all the same", () -> cluster.deployment(wantsCm, Side.CLIENT) != null);

        await("the self-issued pair's certificate", () -> isTrue(cluster.condition("cm-absent", "self",
                Conditions.CERTIFICATE_READY)));
        assertEquals(0, cluster.requests("GET", "/apis/cert-manager.io/v1/certificates"),
                "no Certificate informer without the CRD");

        cluster.installCertManagerCrd();
        try (FakeCertManager certManager = FakeCertManager.start(cluster.client())) {
            await("cert-manager found at the next look, its certificate issued",
                    CertManagerApi.RECHECK.plus(MockCluster.WAIT),
                    () -> isTrue(cluster.condition("cm-absent", "wants-cm", Conditions.CERTIFICATE_READY)));
            assertTrue(cluster.requests("GET", "/apis/cert-manager.io/v1/certificates") > 0, "informers started");
        }
    }
}
