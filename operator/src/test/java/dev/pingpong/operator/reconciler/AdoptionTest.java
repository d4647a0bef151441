package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objects already under a child's name: taken over with a controller ownerReference when they are evidently the
 * pair's, reported with what to do when they are not, and children of a deleted pair re-pointed at its successor.
 */
class AdoptionTest extends OperatorOnMockServer {

    private static KubernetesClient client;

    @BeforeAll
    static void client() {
        client = cluster.client();
    }

    @Test
    void adoptsWhatIsLabelledForThePairAndReportsWhatIsNot() {
        String ns = "adopt";
        Children children = new Children("demo", ns);
        // left by an older operator version without the managed-by label: the instance label says whose it is
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(children.service())
                .withLabels(Map.of(Children.INSTANCE_LABEL, "demo")).endMetadata()
                .withNewSpec().addNewPort().withPort(1).endPort().endSpec().build()).create();
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata()
                .withName(children.deployment(Side.SERVER)).withLabels(Map.of(Children.INSTANCE_LABEL, "demo"))
                .endMetadata().withNewSpec().endSpec().build()).create();
        // someone's own Secret that happens to carry the CA Secret's name
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(children.caSecret())
                .endMetadata().addToStringData("note", "mine").build()).create();

        PingPongPair pair = cluster.createPair(ns, "demo", new PingPongPairSpec());
        await("Ready=False ChildConflict", () -> cluster.condition(ns, "demo", Conditions.READY)
                .map(c -> "ChildConflict".equals(c.getReason())).orElse(false));
        String message = cluster.condition(ns, "demo", Conditions.READY).orElseThrow().getMessage();
        assertTrue(message.contains("Secret adopt/demo-ca already exists and was not made for PingPongPair demo")
                && message.contains("label it app.kubernetes.io/instance=demo"), message);
        assertEquals(1, client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(event -> "ChildConflict".equals(event.getReason())).count(), "one Event for the conflict");
        await("the Service adopted", () -> controlledBy(client.services().inNamespace(ns).withName("demo-server").get(), pair));
        assertEquals("mine", new String(java.util.Base64.getDecoder().decode(
                client.secrets().inNamespace(ns).withName("demo-ca").get().getData().get("note"))), "left alone");

        // the action the message names: the operator looks again by itself (no event reaches it from that Secret)
        client.secrets().inNamespace(ns).withName("demo-ca").edit(secret -> {
            secret.getMetadata().setLabels(Map.of(Children.INSTANCE_LABEL, "demo"));
            return secret;
        });
        await("the Secret adopted and replaced", () -> {
            Secret ca = client.secrets().inNamespace(ns).withName("demo-ca").get();
            return controlledBy(ca, pair) && ca.getData().containsKey("ca.crt") && !ca.getData().containsKey("note");
        });
        await("the Deployment adopted", () -> controlledBy(cluster.deployment(children, Side.SERVER), pair)
                && cluster.deployment(children, Side.SERVER).getSpec().getTemplate() != null);
        await("the conflict cleared", () -> cluster.condition(ns, "demo", Conditions.READY)
                .map(c -> !"ChildConflict".equals(c.getReason())).orElse(false));
    }

    @Test
    void reportsAChildControlledBySomeoneElse() {
        String ns = "foreign";
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("demo-ca")
                .withLabels(Map.of(Children.INSTANCE_LABEL, "demo"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("someone")
                .withUid("0000-someone").withController(true).endOwnerReference()
                .endMetadata().build()).create();
        cluster.createPair(ns, "demo", new PingPongPairSpec());
        await("Ready=False ChildConflict", () -> cluster.condition(ns, "demo", Conditions.READY)
                .map(c -> "ChildConflict".equals(c.getReason())
                        && c.getMessage().contains("is controlled by Deployment someone")).orElse(false));
    }

    @Test
    void aRecreatedPairTakesOverTheChildrenOfTheOneItReplaces() {
        String ns = "recreated";
        PingPongPair first = cluster.createPair(ns, "demo", new PingPongPairSpec());
        Children children = Children.of(first);
        await("children", () -> cluster.deployment(children, Side.CLIENT) != null);
        // fabric8's mock server has no garbage collector: the children outlive the deleted pair, as they do on a
        // real cluster while the collector has not caught up (or after an orphaning delete)
        client.resource(first).withGracePeriod(0).delete();
        await("pair gone", () -> cluster.pair(ns, "demo") == null);
        PingPongPair second = cluster.createPair(ns, "demo", new PingPongPairSpec());
        assertNotEquals(first.getMetadata().getUid(), second.getMetadata().getUid());

        await("every child controlled by the new pair", () -> List.<HasMetadata>of(
                client.secrets().inNamespace(ns).withName(children.caSecret()).get(),
                client.secrets().inNamespace(ns).withName(children.tlsSecret(Side.SERVER)).get(),
                client.secrets().inNamespace(ns).withName(children.tlsSecret(Side.CLIENT)).get(),
                client.services().inNamespace(ns).withName(children.service()).get(),
                cluster.deployment(children, Side.SERVER), cluster.deployment(children, Side.CLIENT))
                .stream().allMatch(child -> controlledBy(child, second)));
    }

    /** Exactly one ownerReference: the pair's current uid, as controller, blocking its deletion. */
    private static boolean controlledBy(HasMetadata child, PingPongPair pair) {
        if (child == null || child.getMetadata().getOwnerReferences().size() != 1) {
            return false;
        }
        OwnerReference reference = child.getMetadata().getOwnerReferences().get(0);
        return pair.getMetadata().getUid().equals(reference.getUid()) && "PingPongPair".equals(reference.getKind())
                && Boolean.TRUE.equals(reference.getController()) && Boolean.TRUE.equals(reference.getBlockOwnerDeletion());
    }
}
