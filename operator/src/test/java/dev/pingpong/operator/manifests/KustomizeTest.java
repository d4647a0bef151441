package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.app.GoDurations;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.testing.apiserver.Rbac;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every install of deploy/ as {@code kubectl apply -k} sends it ({@code kubectl kustomize}): the objects each one
 * makes, RBAC equal to what the test API server enforces (and {@link LeastPrivilegeTest} holds to what the operator
 * uses), the namespaced install confined to its namespace, and alerts on metrics the operator exports.
 */
class KustomizeTest {

    private static final String OPERATOR = "pingpong-operator";
    private static final String SYSTEM = "pingpong-system";
    /** Where deploy/overlays/namespaced installs the operator (and what it watches). */
    private static final String NAMESPACED = "pingpong";
    /**
     * Granted by the cluster-wide ClusterRole but by no Role: requests made outside any namespace. Kubernetes grants
     * this one to every authenticated account (ClusterRole system:basic-user), so the namespaced install needs none.
     */
    private static final Set<String> NOT_IN_A_NAMESPACE = Set.of("create authorization.k8s.io/selfsubjectrulesreviews");
    /** Named by issue 11 for the per-pair gauges and the reconcile histogram, which land separately. */
    private static final Pattern METRIC = Pattern.compile("\\bpingpong_[a-z_]+\\b");

    private static final Set<String> CLUSTER_WIDE = Set.of("Namespace /" + SYSTEM,
            "ServiceAccount " + SYSTEM + "/" + OPERATOR, "Deployment " + SYSTEM + "/" + OPERATOR,
            "ClusterRole /" + OPERATOR, "ClusterRoleBinding /" + OPERATOR,
            "Role " + SYSTEM + "/pingpong-operator-leader-election",
            "RoleBinding " + SYSTEM + "/pingpong-operator-leader-election");

    static Stream<Arguments> installs() {
        Set<String> monitoring = new HashSet<>(CLUSTER_WIDE);
        monitoring.addAll(Set.of("Service " + SYSTEM + "/pingpong-operator-metrics",
                "ServiceMonitor " + SYSTEM + "/" + OPERATOR, "PrometheusRule " + SYSTEM + "/" + OPERATOR));
        return Stream.of(
                Arguments.of("", CLUSTER_WIDE),
                Arguments.of("overlays/cluster-wide", CLUSTER_WIDE),
                Arguments.of("overlays/namespaced", Set.of("ServiceAccount " + NAMESPACED + "/" + OPERATOR,
                        "Deployment " + NAMESPACED + "/" + OPERATOR, "Role " + NAMESPACED + "/" + OPERATOR,
                        "RoleBinding " + NAMESPACED + "/" + OPERATOR,
                        "Role " + NAMESPACED + "/pingpong-operator-leader-election",
                        "RoleBinding " + NAMESPACED + "/pingpong-operator-leader-election")),
                Arguments.of("overlays/monitoring", monitoring));
    }

    @ParameterizedTest(name = "deploy/{0}")
    @MethodSource("installs")
    void everyInstallRendersExactlyItsObjects(String dir, Set<String> expected) {
        List<HasMetadata> objects = Kustomize.render(Manifests.DEPLOY.resolve(dir));
        assertEquals(new TreeSet<>(expected), new TreeSet<>(objects.stream().map(KustomizeTest::id).toList()));
        for (HasMetadata object : objects) {
            if (!(object instanceof GenericKubernetesResource)) {
                assertEquals(List.of(), UnknownFields.in(object, ""), id(object));
            }
        }
    }

    @Test
    void theClusterWideRbacIsTheOneTheTestApiServerEnforces() {
        List<HasMetadata> rendered = Kustomize.render(Manifests.DEPLOY.resolve("overlays/cluster-wide"));
        assertEquals(Rbac.fromDeploy().grants(), Rbac.of(rendered, SYSTEM).grants(),
                "LeastPrivilegeTest holds these to what the operator uses");
        assertEquals(json(rendered), json(Kustomize.render(Manifests.DEPLOY)), "kubectl apply -k deploy/ is the same");
    }

    @Test
    void theNamespacedInstallGrantsTheSameInItsOwnNamespaceOnly() {
        List<HasMetadata> objects = Kustomize.render(Manifests.DEPLOY.resolve("overlays/namespaced"));
        Rbac namespaced = Rbac.of(objects, NAMESPACED);
        Set<String> clusterWide = verbs(Rbac.fromDeploy().grants());
        Set<String> expected = new TreeSet<>(clusterWide);
        expected.removeAll(NOT_IN_A_NAMESPACE);
        assertTrue(clusterWide.containsAll(NOT_IN_A_NAMESPACE), "still granted cluster-wide: " + NOT_IN_A_NAMESPACE);
        assertEquals(expected, new TreeSet<>(verbs(namespaced.grants())));
        for (Rbac.Grant grant : namespaced.grants()) {
            assertEquals(NAMESPACED, grant.namespace(), "a Role in the operator's namespace: " + grant);
            String name = grant.resource().equals("leases") ? OPERATOR : null;
            assertTrue(namespaced.authorize(grant.verb(), grant.group(), grant.resource(), NAMESPACED, name).isPresent());
            assertFalse(namespaced.authorize(grant.verb(), grant.group(), grant.resource(), "elsewhere", name).isPresent(),
                    grant + " must not reach another namespace");
        }
        for (HasMetadata object : objects) {
            assertEquals(NAMESPACED, object.getMetadata().getNamespace(), id(object));
        }
        Deployment operator = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        EnvVar watch = operator.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().equals("WATCH_NAMESPACES")).findFirst().orElseThrow();
        assertEquals(null, watch.getValue());
        assertEquals("metadata.namespace", watch.getValueFrom().getFieldRef().getFieldPath(), "its own namespace");
    }

    @Test
    void theServiceMonitorScrapesTheOperatorsMetricsPort() {
        List<HasMetadata> objects = Kustomize.render(Manifests.DEPLOY.resolve("overlays/monitoring"));
        Service service = only(objects, Service.class);
        Deployment operator = only(objects, Deployment.class);
        Map<String, String> podLabels = operator.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), "selects the operator pods");
        String targetPort = service.getSpec().getPorts().get(0).getTargetPort().getStrVal();
        assertEquals(8080, operator.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .filter(port -> port.getName().equals(targetPort)).findFirst().orElseThrow().getContainerPort());

        GenericKubernetesResource monitor = generic(objects, "ServiceMonitor");
        assertEquals("monitoring.coreos.com/v1", monitor.getApiVersion());
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        assertTrue(service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()), "selects the Service");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertEquals(1, endpoints.size());
        assertEquals(service.getSpec().getPorts().get(0).getName(), endpoints.get(0).get("port"));
        assertEquals("/metrics", endpoints.get(0).get("path"));
        assertEquals(Boolean.TRUE, endpoints.get(0).get("honorLabels"), "the pairs' namespace label survives");
    }

    @Test
    void theAlertsAreWellFormedAndWatchMetricsTheOperatorExports() {
        GenericKubernetesResource rule = generic(Kustomize.render(Manifests.DEPLOY.resolve("overlays/monitoring")),
                "PrometheusRule");
        assertEquals("monitoring.coreos.com/v1", rule.getApiVersion());
        Set<String> exported = exportedMetrics();
        Set<String> alerts = new TreeSet<>();
        List<Map<String, Object>> groups = rule.get("spec", "groups");
        for (Map<String, Object> group : groups) {
            assertNotNull(group.get("name"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            for (Map<String, Object> alert : rules) {
                String name = (String) alert.get("alert");
                assertTrue(name.matches("[A-Z][A-Za-z]+") && alerts.add(name), "a unique alert name: " + name);
                GoDurations.parse((String) alert.get("for"));
                @SuppressWarnings("unchecked")
                Map<String, String> labels = (Map<String, String>) alert.get("labels");
                assertTrue(Set.of("warning", "critical").contains(labels.get("severity")), name);
                @SuppressWarnings("unchecked")
                Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
                assertFalse(annotations.get("summary").isBlank() || annotations.get("description").isBlank(), name);
                Matcher metrics = METRIC.matcher((String) alert.get("expr"));
                assertTrue(metrics.find(), name + " watches an operator metric");
                do {
                    String metric = metrics.group();
                    assertTrue(exported.contains(metric),
                            name + ": " + metric + " is not among the operator's metrics " + exported);
                } while (metrics.find());
            }
        }
        assertTrue(alerts.containsAll(Set.of("PingPongCertificateExpiresSoon", "PingPongPairNotReady",
                "PingPongRecoveryExhausted")), alerts.toString());
    }

    /** The series names the operator's /metrics declares (a histogram's with their suffixes). */
    private static Set<String> exportedMetrics() {
        Set<String> names = new TreeSet<>();
        for (String line : new OperatorMetrics().registry().scrape().lines().toList()) {
            String[] words = line.split(" ");
            if (line.startsWith("# TYPE ") && words.length == 4) {
                names.add(words[2]);
                if (words[3].equals("histogram")) {
                    names.addAll(Set.of(words[2] + "_bucket", words[2] + "_sum", words[2] + "_count"));
                }
            }
        }
        return names;
    }

    private static Set<String> verbs(Set<Rbac.Grant> grants) {
        return grants.stream().map(grant -> grant.verb() + " " + grant.group() + "/" + grant.resource())
                .collect(Collectors.toSet());
    }

    private static Set<String> json(List<HasMetadata> objects) {
        return objects.stream().map(Manifests.SERIALIZATION::asJson).collect(Collectors.toSet());
    }

    private static String id(HasMetadata object) {
        return object.getKind() + " " + (object.getMetadata().getNamespace() == null ? ""
                : object.getMetadata().getNamespace()) + "/" + object.getMetadata().getName();
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matching.size(), type.getSimpleName());
        return matching.get(0);
    }

    private static GenericKubernetesResource generic(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(object -> kind.equals(object.getKind()))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow(() -> new AssertionError(kind));
    }
}
