package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spec.server.pod and spec.client.pod on the mock API server: copied into the pod templates, changes and removals followed. */
class PodSettingsTest extends OperatorOnMockServer {

    private static final String SERVER_POD = """
            server:
              pod:
                resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 1Gi}}
                nodeSelector: {disktype: ssd}
                tolerations: [{key: dedicated, operator: Equal, value: pingpong, effect: NoSchedule}]
                affinity:
                  podAntiAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          topologyKey: kubernetes.io/hostname
                          labelSelector: {matchLabels: {app.kubernetes.io/component: server}}
                topologySpreadConstraints:
                  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway,
                     labelSelector: {matchLabels: {app.kubernetes.io/component: server}}}
                priorityClassName: high
                imagePullSecrets: [{name: registry}]
                labels: {team: net, app.kubernetes.io/part-of: pingpong}
                annotations: {example.com/owner: net}
            """;

    @Test
    void copiesThePodSettingsIntoTheTemplatesAndKeepsTheOperatorsLabels() {
        String ns = "pod-settings";
        assertEquals("high", spec(SERVER_POD).getServer().getPod().getPriorityClassName());
        PingPongPair pair = cluster.createPair(ns, "placed", spec(SERVER_POD));
        assertEquals(Map.of("disktype", "ssd"), pair.getSpec().getServer().getPod().getNodeSelector(), "stored as given");
        Children children = Children.of(pair);
        await("both Deployments", () -> cluster.deployment(children, Side.SERVER) != null
                && cluster.deployment(children, Side.CLIENT) != null);

        PodTemplateSpec server = cluster.deployment(children, Side.SERVER).getSpec().getTemplate();
        PodSpec pod = server.getSpec();
        assertEquals(Map.of("disktype", "ssd"), pod.getNodeSelector());
        assertEquals("dedicated", pod.getTolerations().get(0).getKey());
        assertEquals("kubernetes.io/hostname", pod.getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getTopologyKey());
        assertEquals("topology.kubernetes.io/zone", pod.getTopologySpreadConstraints().get(0).getTopologyKey());
        assertEquals("high", pod.getPriorityClassName());
        assertEquals("registry", pod.getImagePullSecrets().get(0).getName());
        assertEquals(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")),
                pod.getContainers().get(0).getResources().getRequests());
        assertEquals(Map.of("memory", new Quantity("1Gi")), pod.getContainers().get(0).getResources().getLimits());
        Map<String, String> labels = server.getMetadata().getLabels();
        assertEquals("net", labels.get("team"));
        assertEquals("pingpong", labels.get("app.kubernetes.io/part-of"));
        assertTrue(labels.entrySet().containsAll(children.labels(Side.SERVER).entrySet()), labels.toString());
        assertEquals(Map.of("example.com/owner", "net"), server.getMetadata().getAnnotations());

        PodSpec client = cluster.deployment(children, Side.CLIENT).getSpec().getTemplate().getSpec();
        assertEquals(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")),
                client.getContainers().get(0).getResources().getRequests(), "the client keeps the default");
        assertEquals(Map.of("memory", new Quantity("256Mi")), client.getContainers().get(0).getResources().getLimits());
        assertTrue(empty(client.getNodeSelector()), "the server's placement only");
    }

    @Test
    void followsChangesAndRemovalsOfPodSettings() {
        String ns = "pod-settings-edit";
        PingPongPair pair = cluster.createPair(ns, "moved", spec(SERVER_POD));
        Children children = Children.of(pair);
        await("server Deployment", () -> cluster.deployment(children, Side.SERVER) != null);
        // the edit carries the resourceVersion it read: wait for the status write that follows the children
        await("first status", () -> cluster.pair(ns, "moved").getStatus() != null
                && cluster.pair(ns, "moved").getStatus().getEffectiveSpec() != null);

        cluster.replaceSpec(ns, "moved", spec("""
                server:
                  pod:
                    labels: {team: web}
                """));
        await("the removed settings gone from the template", () -> {
            PodTemplateSpec template = cluster.deployment(children, Side.SERVER).getSpec().getTemplate();
            return "web".equals(template.getMetadata().getLabels().get("team"))
                    && empty(template.getSpec().getNodeSelector()) && empty(template.getSpec().getTolerations())
                    && template.getSpec().getAffinity() == null && template.getSpec().getPriorityClassName() == null
                    && empty(template.getMetadata().getAnnotations());
        });
        assertEquals(Map.of("memory", new Quantity("512Mi")), cluster.deployment(children, Side.SERVER).getSpec()
                .getTemplate().getSpec().getContainers().get(0).getResources().getLimits(), "back to the default");
    }

    @Test
    void quantitiesSpelledOtherwiseThanTheApiServerStoresThemAreNotRewritten() {
        String ns = "pod-settings-quantities";
        PingPongPair pair = cluster.createPair(ns, "spelled", spec("""
                server:
                  pod:
                    resources: {requests: {cpu: '0.5', memory: 1024Mi}, limits: {memory: 1.5Gi}}
                client:
                  pod:
                    resources: {requests: {cpu: 2000m, memory: 0.125Gi}, limits: {memory: 0.25Gi}}
                """));
        Children children = Children.of(pair);
        await("both Deployments", () -> cluster.deployment(children, Side.SERVER) != null
                && cluster.deployment(children, Side.CLIENT) != null);
        assertEquals("500m", stored(children, Side.SERVER, "requests", "cpu"), "stored canonically");
        assertEquals("1Gi", stored(children, Side.SERVER, "requests", "memory"));
        assertEquals("1536Mi", stored(children, Side.SERVER, "limits", "memory"));
        settle(children, Side.SERVER);
        int writes = cluster.operatorChildWrites(ns);

        settle(children, Side.SERVER);
        settle(children, Side.CLIENT);

        assertEquals(writes, cluster.operatorChildWrites(ns), "no child written once settled");
        assertEquals("2", stored(children, Side.CLIENT, "requests", "cpu"));
        assertEquals("128Mi", stored(children, Side.CLIENT, "requests", "memory"));
        assertEquals("256Mi", stored(children, Side.CLIENT, "limits", "memory"));
    }

    @Test
    void aChangedAmountIsWrittenWhateverItsSpelling() {
        String ns = "pod-settings-amount";
        PingPongPair pair = cluster.createPair(ns, "grown", spec("""
                server:
                  pod:
                    resources: {requests: {cpu: '0.5'}}
                """));
        Children children = Children.of(pair);
        await("server Deployment", () -> cluster.deployment(children, Side.SERVER) != null);

        cluster.replaceSpec(ns, "grown", spec("""
                server:
                  pod:
                    resources: {requests: {cpu: '0.75'}}
                """));

        await("750m stored", () -> "750m".equals(stored(children, Side.SERVER, "requests", "cpu")));
    }

    @Test
    void theApiServerRefusesLabelsThatWouldMovePodsOutOfTheirDeployment() {
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> cluster.createPair("pod-settings-refused", "hijack", spec("""
                        client:
                          pod:
                            labels: {app.kubernetes.io/component: server}
                        """)));
        assertEquals(422, refused.getCode());
        assertTrue(refused.getMessage().contains("pod.labels may not set app.kubernetes.io/name"), refused.getMessage());
    }

    /** A quantity of the side's container as the API server stored it: "requests" or "limits", then the resource. */
    private static String stored(Children children, Side side, String kind, String resource) {
        ResourceRequirements resources = cluster.deployment(children, side).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getResources();
        return ("requests".equals(kind) ? resources.getRequests() : resources.getLimits()).get(resource).toString();
    }

    private static boolean empty(Object value) {
        return value == null || value instanceof Map<?, ?> map && map.isEmpty() || value instanceof List<?> list && list.isEmpty();
    }
}
