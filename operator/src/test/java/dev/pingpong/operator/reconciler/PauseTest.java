package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.isTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.ClientSpec;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The annotation pingpong.dev/paused: no write to a paused pair's children, its status kept current, Events once. */
class PauseTest extends OperatorOnMockServer {

    private static KubernetesClient client;

    @BeforeAll
    static void client() {
        client = cluster.client();
    }

    @Test
    void aPausedPairsChildrenAreLeftAloneUntilItResumes() {
        String ns = "pause";
        Children children = Children.of(cluster.createPair(ns, "demo", new PingPongPairSpec()));
        await("both Deployments", () -> cluster.deployment(children, Side.SERVER) != null
                && cluster.deployment(children, Side.CLIENT) != null);
        cluster.reportReady(children, Side.SERVER, 1);
        cluster.reportReady(children, Side.CLIENT, 1);
        await("Ready=True", () -> isTrue(cluster.condition(ns, "demo", Conditions.READY)));
        String serverCertificate = serverCertificate(ns);

        cluster.annotate(ns, "demo", PairAnnotations.PAUSED, "true");
        await("Paused=True", () -> isTrue(cluster.condition(ns, "demo", Conditions.PAUSED)));
        assertEquals(StatusComposer.PAUSED, condition(ns, Conditions.PAUSED).getReason());
        assertTrue(isTrue(cluster.condition(ns, "demo", Conditions.READY)), "readiness is still what is observed");
        int writes = cluster.operatorChildWrites(ns);

        // What a reconcile would put right: a deleted Deployment, an edited one, a certificate past renewAt, a spec edit.
        client.apps().deployments().inNamespace(ns).withName(children.deployment(Side.SERVER)).delete();
        client.apps().deployments().inNamespace(ns).withName(children.deployment(Side.CLIENT))
                .edit(deployment -> {
                    container(deployment).setImage("edited");
                    return deployment;
                });
        clock.advance(Duration.ofHours(200));
        long generation = cluster.editSpec(ns, "demo", spec -> {
            spec.setClient(new ClientSpec());
            spec.getClient().setReplicas(3);
        });
        settle(children, Side.CLIENT);

        assertEquals(writes, cluster.operatorChildWrites(ns), "no child written while paused");
        assertNull(cluster.deployment(children, Side.SERVER), "not recreated");
        assertEquals("edited", container(cluster.deployment(children, Side.CLIENT)).getImage(), "not corrected");
        assertEquals(serverCertificate, serverCertificate(ns), "not renewed");
        await("ServerReady=False Paused", () -> StatusComposer.PAUSED.equals(
                condition(ns, Conditions.SERVER_READY).getReason()));
        assertEquals("False", condition(ns, Conditions.READY).getStatus());
        assertEquals(generation, cluster.pair(ns, "demo").getStatus().getObservedGeneration());
        assertEquals(1, cluster.events(ns, PairEvents.PAUSED).size(), "one Event per pause, however many reconciles");

        cluster.annotate(ns, "demo", PairAnnotations.PAUSED, null);
        await("server Deployment recreated", () -> cluster.deployment(children, Side.SERVER) != null);
        await("client Deployment corrected", () -> {
            Deployment deployment = cluster.deployment(children, Side.CLIENT);
            return !"edited".equals(container(deployment).getImage()) && deployment.getSpec().getReplicas() == 3;
        });
        await("server certificate renewed", () -> !serverCertificate.equals(serverCertificate(ns)));
        await("Paused=False Resumed", () -> StatusComposer.RESUMED.equals(condition(ns, Conditions.PAUSED).getReason()));
        assertEquals("False", condition(ns, Conditions.PAUSED).getStatus());
        settle(children, Side.CLIENT);
        assertEquals(1, cluster.events(ns, PairEvents.RESUMED).size());
        assertEquals(1, cluster.events(ns, PairEvents.PAUSED).size());
    }

    @Test
    void aPairCreatedPausedGetsNoChildren() {
        String ns = "born-paused";
        PingPongPair pair = new PingPongPair();
        pair.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace(ns)
                .withAnnotations(Map.of(PairAnnotations.PAUSED, "true")).build());
        pair.setSpec(new PingPongPairSpec());
        client.resource(pair).create();

        await("Paused=True", () -> isTrue(cluster.condition(ns, "demo", Conditions.PAUSED)));
        assertEquals(0, cluster.operatorChildWrites(ns));
        assertEquals(StatusComposer.PAUSED, condition(ns, Conditions.CLIENT_READY).getReason());
        assertEquals("False", condition(ns, Conditions.READY).getStatus());
        assertNull(cluster.pair(ns, "demo").getStatus().getCertificate(), "nothing issued");

        cluster.annotate(ns, "demo", PairAnnotations.PAUSED, "false");
        await("children once resumed", () -> cluster.deployment(Children.of(pair), Side.CLIENT) != null);
        await("Paused=False Resumed", () -> StatusComposer.RESUMED.equals(condition(ns, Conditions.PAUSED).getReason()));
    }

    @Test
    void aCertificateThatExpiresWhilePausedIsReported() {
        String ns = "pause-expiry";
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setDuration("60s");
        Children children = Children.of(cluster.createPair(ns, "demo", spec));
        await("client Deployment", () -> cluster.deployment(children, Side.CLIENT) != null);
        await("certificate status", () -> isTrue(cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY)));
        cluster.annotate(ns, "demo", PairAnnotations.PAUSED, "true");
        await("Paused=True", () -> isTrue(cluster.condition(ns, "demo", Conditions.PAUSED)));

        clock.advance(Duration.ofSeconds(61));
        cluster.nudge(children, Side.SERVER);
        await("CertificateReady=False Expired", () -> StatusComposer.EXPIRED.equals(
                condition(ns, Conditions.CERTIFICATE_READY).getReason()));
        Condition ready = condition(ns, Conditions.READY);
        assertEquals(StatusComposer.CERTIFICATE_EXPIRED, ready.getReason());
        assertTrue(ready.getMessage().contains("paused"), ready.getMessage());
        assertNotEquals("True", ready.getStatus());
    }

    private static Condition condition(String ns, String type) {
        return cluster.condition(ns, "demo", type).orElseThrow();
    }

    private static String serverCertificate(String ns) {
        return client.secrets().inNamespace(ns).withName("demo-server-tls").get().getData().get(SecretData.TLS_CRT);
    }

    private static io.fabric8.kubernetes.api.model.Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
