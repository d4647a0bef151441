package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.model.Images;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/'s files: every one applied by its kustomization, and the cluster-wide install's namespace, RBAC bound to the
 * operator's account and hardened operator Deployment. What kubectl renders from them: {@link KustomizeTest}.
 */
class DeployTest {

    private static final String NAMESPACE = "pingpong-system";
    private static final String ACCOUNT = "pingpong-operator";

    private final List<HasMetadata> objects = Manifests.deployObjects();

    @Test
    void everyFileIsListedInItsKustomizationAndTheOperatorLivesInItsNamespace() {
        for (String folder : List.of("base", "overlays/cluster-wide", "overlays/namespaced", "overlays/monitoring",
                "monitoring", "")) {
            Path dir = Manifests.DEPLOY.resolve(folder);
            Map<String, Object> kustomization = Manifests.rawMap(Manifests.read(dir.resolve("kustomization.yaml")));
            Set<String> files = Manifests.yamlFiles(dir).stream().map(Path::getFileName).map(Path::toString)
                    .filter(name -> !name.startsWith("kustomization.")).collect(Collectors.toSet());
            Set<Object> listed = new java.util.HashSet<>();
            for (String field : List.of("resources", "patchesStrategicMerge")) {
                listed.addAll((List<?>) kustomization.getOrDefault(field, List.of()));
            }
            assertEquals(files, listed, "deploy/" + folder + ": every file applied, every entry a file");
            for (Object base : (List<?>) kustomization.getOrDefault("bases", List.of())) {
                assertTrue(java.nio.file.Files.isRegularFile(dir.resolve(base.toString()).resolve("kustomization.yaml")),
                        "deploy/" + folder + ": base " + base);
            }
        }

        assertEquals(NAMESPACE, only(Namespace.class).getMetadata().getName());
        for (HasMetadata object : objects) {
            if (!(object instanceof Namespace || object instanceof ClusterRole || object instanceof ClusterRoleBinding)) {
                assertEquals(NAMESPACE, object.getMetadata().getNamespace(), object.getKind() + " " + object.getMetadata().getName());
            }
        }
        assertEquals(ACCOUNT, only(ServiceAccount.class).getMetadata().getName());
    }

    @Test
    void everyFieldIsOneKubernetesKnows() {
        for (HasMetadata object : objects) {
            assertEquals(List.of(), UnknownFields.in(object, ""), object.getKind() + " " + object.getMetadata().getName());
        }
        Deployment typo = Manifests.SERIALIZATION.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          securityContext: {readOnlyRootFileSystem: true}
                """, Deployment.class);
        assertEquals(List.of("spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem"),
                UnknownFields.in(typo, ""));
    }

    @Test
    void theRolesAreBoundToTheOperatorsAccountWithoutWildcards() {
        ClusterRole clusterRole = only(ClusterRole.class);
        ClusterRoleBinding clusterBinding = only(ClusterRoleBinding.class);
        assertEquals("ClusterRole", clusterBinding.getRoleRef().getKind());
        assertEquals(clusterRole.getMetadata().getName(), clusterBinding.getRoleRef().getName());
        assertOperatorAccount(clusterBinding.getSubjects());
        Role role = only(Role.class);
        RoleBinding binding = only(RoleBinding.class);
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
        assertEquals(NAMESPACE, role.getMetadata().getNamespace(), "Leases only in the operator's namespace");
        assertOperatorAccount(binding.getSubjects());
        for (PolicyRule rule : concat(clusterRole.getRules(), role.getRules())) {
            assertFalse(rule.getApiGroups().contains("*") || rule.getResources().stream().anyMatch(r -> r.contains("*"))
                    || rule.getVerbs().contains("*"), "no wildcard: " + rule);
        }
        // which verbs on which resources: LeastPrivilegeTest, from what the operator requested in the whole suite
    }

    @Test
    void operatorDeploymentIsHardenedAndProbed() {
        Deployment deployment = only(Deployment.class);
        assertEquals(deployment.getSpec().getSelector().getMatchLabels().entrySet().stream()
                        .filter(label -> label.getValue().equals(deployment.getSpec().getTemplate().getMetadata().getLabels().get(label.getKey())))
                        .count(),
                (long) deployment.getSpec().getSelector().getMatchLabels().size(), "the selector matches the pod labels");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(ACCOUNT, pod.getServiceAccountName());
        assertEquals(1, pod.getContainers().size());
        Container container = pod.getContainers().get(0);

        Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertEquals("", env.get("WATCH_NAMESPACES").getValue(), "watch all namespaces");
        assertEquals("metadata.namespace", env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath(),
                "the Lease goes to the operator's namespace");
        assertEquals("metadata.name", env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath(),
                "each replica's identity in the Lease");
        assertEquals("true", env.get("PINGPONG_LEADER_ELECTION").getValue(), "safe during rolling updates");

        assertHttpProbe(container, container.getLivenessProbe(), "/healthz");
        assertHttpProbe(container, container.getReadinessProbe(), "/readyz");
        assertNotNull(container.getResources().getRequests().get("cpu"));
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));

        SecurityContext security = container.getSecurityContext();
        assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem());
        assertEquals(Boolean.TRUE, security.getRunAsNonRoot());
        assertEquals(List.of("ALL"), security.getCapabilities().getDrop());
        assertEquals("RuntimeDefault", security.getSeccompProfile().getType());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(65532L, pod.getSecurityContext().getRunAsUser(), "the image's user (jib container.user)");
        assertTrue(container.getVolumeMounts().stream().anyMatch(mount -> "/tmp".equals(mount.getMountPath())),
                "a writable /tmp for the JVM under a read-only root");
    }

    @Test
    void operatorImageIsTheOneThisVersionBuilds() {
        // images.properties names the server image as REGISTRY/pingpong-server:VERSION; the operator's is its sibling.
        String expected = Images.ofThisVersion().server().replace("/pingpong-server:", "/pingpong-operator:");
        assertFalse(expected.contains("${"), "images.properties is filtered: " + expected);
        Container container = only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(expected, container.getImage());
        Map<String, Object> kustomization = Manifests.rawMap(Manifests.read(Manifests.DEPLOY.resolve("base/kustomization.yaml")));
        @SuppressWarnings("unchecked")
        Map<String, Object> image = ((List<Map<String, Object>>) kustomization.get("images")).get(0);
        assertEquals(expected, image.get("name") + ":" + image.get("newTag"), "kustomization images entry");
    }

    private static void assertHttpProbe(Container container, Probe probe, String path) {
        assertNotNull(probe, path + " probe");
        assertEquals(path, probe.getHttpGet().getPath());
        String port = probe.getHttpGet().getPort().getStrVal();
        int number = port == null ? probe.getHttpGet().getPort().getIntVal()
                : container.getPorts().stream().filter(p -> port.equals(p.getName())).findFirst().orElseThrow().getContainerPort();
        assertEquals(8080, number, path + " on the operator's health port");
    }

    private static void assertOperatorAccount(List<Subject> subjects) {
        assertEquals(1, subjects.size());
        assertEquals("ServiceAccount", subjects.get(0).getKind());
        assertEquals(ACCOUNT, subjects.get(0).getName());
        assertEquals(NAMESPACE, subjects.get(0).getNamespace());
    }

    private static List<PolicyRule> concat(List<PolicyRule> first, List<PolicyRule> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    private <T extends HasMetadata> T only(Class<T> type) {
        List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, matching.size(), "one " + type.getSimpleName() + " in deploy/");
        return matching.get(0);
    }
}
