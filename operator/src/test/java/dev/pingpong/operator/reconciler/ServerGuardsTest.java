package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's PodDisruptionBudget and NetworkPolicy on the mock API server: made, changed, deleted, adopted. */
class ServerGuardsTest extends OperatorOnMockServer {

    private static KubernetesClient client;

    @BeforeAll
    static void client() {
        client = cluster.client();
    }

    @Test
    void aPairGetsADisruptionBudgetOfOneUnavailableAndNoNetworkPolicyByDefault() {
        String ns = "guards-default";
        PingPongPair pair = cluster.createPair(ns, "demo", new PingPongPairSpec());
        Children children = Children.of(pair);
        await("the PodDisruptionBudget", () -> budget(ns, "demo-server") != null);
        PodDisruptionBudget budget = budget(ns, "demo-server");
        assertEquals(new IntOrString(1), budget.getSpec().getMaxUnavailable());
        assertNull(budget.getSpec().getMinAvailable());
        assertEquals(children.selector(Side.SERVER), budget.getSpec().getSelector().getMatchLabels());
        assertOwnedChild(budget, pair, children);
        await("the server Deployment", () -> cluster.deployment(children, Side.SERVER) != null);
        assertNull(policy(ns, "demo-server"), "a NetworkPolicy only when asked for");
    }

    @Test
    void followsTheSpecAndDeletesWhatIsDisabled() {
        String ns = "guards-edit";
        PingPongPair pair = cluster.createPair(ns, "edge", spec("""
                server:
                  port: 5000
                  podDisruptionBudget: {minAvailable: 50%}
                  networkPolicy: {enabled: true, allowedNamespaces: [monitoring, browsers]}
                """));
        Children children = Children.of(pair);
        await("both guards", () -> budget(ns, "edge-server") != null && policy(ns, "edge-server") != null);
        assertEquals(new IntOrString("50%"), budget(ns, "edge-server").getSpec().getMinAvailable());
        assertNull(budget(ns, "edge-server").getSpec().getMaxUnavailable());

        NetworkPolicy policy = policy(ns, "edge-server");
        assertOwnedChild(policy, pair, children);
        assertEquals(children.selector(Side.SERVER), policy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        assertEquals(1, policy.getSpec().getIngress().size(), "one rule: nothing else is admitted");
        NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
        assertEquals(List.of("UDP/5000"), rule.getPorts().stream()
                .map(port -> port.getProtocol() + "/" + port.getPort().getIntVal()).toList());
        assertEquals(children.selector(Side.CLIENT), rule.getFrom().get(0).getPodSelector().getMatchLabels());
        assertNull(rule.getFrom().get(0).getNamespaceSelector(), "the client in the pair's own namespace");
        LabelSelectorRequirement namespaces = rule.getFrom().get(1).getNamespaceSelector().getMatchExpressions().get(0);
        assertEquals("kubernetes.io/metadata.name", namespaces.getKey());
        assertEquals("In", namespaces.getOperator());
        assertEquals(List.of("monitoring", "browsers"), namespaces.getValues());

        edit(ns, "edge", """
                server:
                  port: 5000
                  podDisruptionBudget: {maxUnavailable: 2}
                  networkPolicy: {enabled: true}
                """);
        await("both guards updated", () -> new IntOrString(2).equals(budget(ns, "edge-server").getSpec().getMaxUnavailable())
                && budget(ns, "edge-server").getSpec().getMinAvailable() == null
                && policy(ns, "edge-server").getSpec().getIngress().get(0).getFrom().size() == 1);

        edit(ns, "edge", """
                server:
                  podDisruptionBudget: {enabled: false}
                  networkPolicy: {enabled: false}
                """);
        await("both guards deleted", () -> budget(ns, "edge-server") == null && policy(ns, "edge-server") == null);
    }

    @Test
    void takesOverGuardsLabelledForThePair() {
        String ns = "guards-adopt";
        Map<String, String> instance = Map.of(Children.INSTANCE_LABEL, "kept");
        client.policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("kept-server").withLabels(instance).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(0)).endSpec().build()).create();
        client.network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("kept-server").withLabels(instance).endMetadata()
                .withNewSpec().withPolicyTypes("Ingress").endSpec().build()).create();
        PingPongPair pair = cluster.createPair(ns, "kept", spec("server: {networkPolicy: {enabled: true}}"));
        Children children = Children.of(pair);
        await("both adopted and rewritten", () -> owned(budget(ns, "kept-server"), pair)
                && budget(ns, "kept-server").getSpec().getMinAvailable() == null
                && owned(policy(ns, "kept-server"), pair)
                && !policy(ns, "kept-server").getSpec().getIngress().isEmpty());
        assertOwnedChild(policy(ns, "kept-server"), pair, children);
    }

    @Test
    void theApiServerRefusesBothBoundsAndBadValues() {
        KubernetesClientException both = assertThrows(KubernetesClientException.class, () -> cluster.createPair(
                "guards-refused", "both", spec("server: {podDisruptionBudget: {minAvailable: 1, maxUnavailable: 1}}")));
        assertTrue(both.getMessage().contains("set minAvailable or maxUnavailable, not both"), both.getMessage());
        KubernetesClientException percent = assertThrows(KubernetesClientException.class, () -> cluster.createPair(
                "guards-refused", "percent", spec("server: {podDisruptionBudget: {maxUnavailable: 150%}}")));
        assertTrue(percent.getMessage().contains("a percentage 0%..100%"), percent.getMessage());
        KubernetesClientException namespace = assertThrows(KubernetesClientException.class, () -> cluster.createPair(
                "guards-refused", "names", spec("server: {networkPolicy: {allowedNamespaces: [Not_A_Namespace]}}")));
        assertEquals(422, namespace.getCode());
    }

    private static void assertOwnedChild(HasMetadata child, PingPongPair pair, Children children) {
        assertEquals(children.labels(Side.SERVER), child.getMetadata().getLabels());
        assertTrue(owned(child, pair), child.getMetadata().getName());
    }

    private static boolean owned(HasMetadata child, PingPongPair pair) {
        return child != null && child.getMetadata().getOwnerReferences().size() == 1
                && pair.getMetadata().getUid().equals(child.getMetadata().getOwnerReferences().get(0).getUid());
    }

    private static PodDisruptionBudget budget(String ns, String name) {
        return client.policy().v1().podDisruptionBudget().inNamespace(ns).withName(name).get();
    }

    private static NetworkPolicy policy(String ns, String name) {
        return client.network().v1().networkPolicies().inNamespace(ns).withName(name).get();
    }

    private static void edit(String ns, String name, String yaml) {
        cluster.replaceSpec(ns, name, spec(yaml));
    }
}
