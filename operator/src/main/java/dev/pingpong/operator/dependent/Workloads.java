package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;

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
    /** The image's user (jib's container.user); runAsNonRoot needs a numeric one to verify. */
    private static final long USER = 65532L;

    private Workloads() {
    }

    static String tlsFile(String key) {
        return TLS_DIR + "/" + key;
    }

    /** A container of {@code side} with security, probes, health port, mounts and resources filled in. */
    static ContainerBuilder container(Side side, String image, String memoryLimit) {
        return new ContainerBuilder()
                .withName(side.component())
                .withImage(image)
                .addNewPort().withName(HTTP).withContainerPort(HEALTH_PORT).withProtocol("TCP").endPort()
                .withReadinessProbe(probe("/readyz", 5, 3))
                .withLivenessProbe(probe("/healthz", 10, 3))
                .addNewVolumeMount().withName(TLS_VOLUME).withMountPath(TLS_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName(TMP_VOLUME).withMountPath("/tmp").endVolumeMount()
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("memory", new Quantity(memoryLimit))
                .endResources()
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

    /** The side's Deployment running {@code container} with the TLS volume, carrying its restart marks. */
    static Deployment deployment(DesiredState state, Side side, Container container, Volume tls) {
        Children children = state.children();
        RestartMarks marks = state.restarts(side);
        // null rather than empty: the API server drops empty maps, and an empty one here would never match
        Map<String, String> templateAnnotations = marks.restartedAt() == null ? null
                : Map.of(RestartMarks.RESTARTED_AT, marks.restartedAt());
        DeploymentBuilder builder = new DeploymentBuilder()
                .withMetadata(children.metadata(children.deployment(side), side));
        if (marks.history() != null) {
            builder.editMetadata().addToAnnotations(RestartMarks.HISTORY, marks.history()).endMetadata();
        }
        return builder
                .withNewSpec()
                .withReplicas(state.spec().replicas(side))
                .withNewSelector().withMatchLabels(children.selector(side)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(children.labels(side)).withAnnotations(templateAnnotations).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
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

    private static Probe probe(String path, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(HTTP)).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
