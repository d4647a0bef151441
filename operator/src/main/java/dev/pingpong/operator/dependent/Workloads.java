package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PodSettings;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the server and client Deployments share: a hardened pod (non-root, read-only root file system, no
 * privilege escalation, no capabilities), health probes on the {@code http} port, the TLS Secret mounted as a
 * directory (never subPath: subPath mounts do not see Secret updates, and rotation relies on them), a writable
 * /tmp, and the restart annotations.
 */
final class Workloads {

    static final int HEALTH_PORT = 8080;
    static final String HTTP = "http";
    static final String WEBTRANSPORT = "webtransport";
    static final String TLS_DIR = "/tls";
    static final String TLS_VOLUME = "tls";
    private static final String TMP_VOLUME = "tmp";
    /** On the Deployment: the fingerprint of the pod settings its template was written from. */
    static final String POD_SETTINGS = "pingpong.dev/podSettings";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** The image's user (jib's container.user); runAsNonRoot needs a numeric one to verify. */
    private static final long USER = 65532L;

    private Workloads() {
    }

    static String tlsFile(String key) {
        return TLS_DIR + "/" + key;
    }

    /** A container of {@code side} with security, probes, health port, mounts and resources filled in. */
    static ContainerBuilder container(DesiredState state, Side side, String image) {
        return new ContainerBuilder()
                .withName(side.component())
                .withImage(image)
                .addNewPort().withName(HTTP).withContainerPort(HEALTH_PORT).withProtocol("TCP").endPort()
                .withReadinessProbe(probe("/readyz", 5, 3))
                .withLivenessProbe(probe("/healthz", 10, 3))
                .addNewVolumeMount().withName(TLS_VOLUME).withMountPath(TLS_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .withResources(state.spec().pod(side).getResources())
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().addToDrop("ALL").endCapabilities()
                .endSecurityContext();
    }

    static Volume tlsVolume(SecretVolumeSource source) {
        return new VolumeBuilder().withName(TLS_VOLUME).withSecret(source).build();
    }

    /**
     * The side's Deployment running {@code container} with the TLS volume, carrying its restart marks and the
     * pod settings of the spec (labels and annotations added to the operator's, which they cannot override).
     */
    static Deployment deployment(DesiredState state, Side side, Container container, Volume tls) {
        Children children = state.children();
        RestartMarks marks = state.restarts(side);
        PodSettings pod = state.spec().pod(side);
        Map<String, String> templateLabels = new LinkedHashMap<>(Optional.ofNullable(pod.getLabels()).orElse(Map.of()));
        templateLabels.putAll(children.labels(side));
        Map<String, String> templateAnnotations = new LinkedHashMap<>(
                Optional.ofNullable(pod.getAnnotations()).orElse(Map.of()));
        if (marks.restartedAt() != null) {
            templateAnnotations.put(RestartMarks.RESTARTED_AT, marks.restartedAt());
        }
        DeploymentBuilder builder = new DeploymentBuilder()
                .withMetadata(children.metadata(children.deployment(side), side));
        builder.editMetadata().addToAnnotations(POD_SETTINGS, fingerprint(pod)).endMetadata();
        if (marks.history() != null) {
            builder.editMetadata().addToAnnotations(RestartMarks.HISTORY, marks.history()).endMetadata();
        }
        if (marks.count() != null) {
            builder.editMetadata().addToAnnotations(RestartMarks.COUNT, marks.count()).endMetadata();
        }
        return builder
                .withNewSpec()
                .withReplicas(state.spec().replicas(side))
                .withNewSelector().withMatchLabels(children.selector(side)).endSelector()
                .withNewTemplate()
                // null rather than empty: the API server drops empty maps, and an empty one here would never match
                .withNewMetadata().withLabels(templateLabels)
                .withAnnotations(templateAnnotations.isEmpty() ? null : templateAnnotations).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withNodeSelector(pod.getNodeSelector())
                .withTolerations(pod.getTolerations())
                .withAffinity(pod.getAffinity())
                .withTopologySpreadConstraints(pod.getTopologySpreadConstraints())
                .withPriorityClassName(pod.getPriorityClassName())
                .withImagePullSecrets(pod.getImagePullSecrets())
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(USER)
                .withRunAsGroup(USER)
                .withFsGroup(USER)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container)
                .withVolumes(tls, new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * A short hash of the pod settings. The generic matcher ignores fields the actual object has and the desired
     * one lacks, so a setting the user removed would never be noticed; a changed fingerprint is.
     */
    private static String fingerprint(PodSettings pod) {
        try {
            byte[] json = SERIALIZATION.asJson(pod).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(HTTP)).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
