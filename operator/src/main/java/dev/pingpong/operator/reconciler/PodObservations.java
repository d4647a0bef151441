package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.recovery.PodObservation;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Turns a Pod as the API reports it into what the recovery policy judges. */
final class PodObservations {

    private PodObservations() {
    }

    static PodObservation of(Pod pod) {
        Optional<PodCondition> ready = Optional.ofNullable(pod.getStatus()).map(status -> status.getConditions())
                .flatMap(conditions -> conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst());
        boolean isReady = ready.map(c -> "True".equals(c.getStatus())).orElse(false);
        Instant notReadySince = isReady ? null : ready.map(PodCondition::getLastTransitionTime)
                .or(() -> Optional.ofNullable(pod.getMetadata().getCreationTimestamp()))
                .map(Instant::parse).orElse(null);
        return new PodObservation(pod.getMetadata().getName(), isReady, notReadySince, waitingReason(pod),
                pod.getMetadata().getDeletionTimestamp() != null);
    }

    /** The reason a container waits (CrashLoopBackOff, ImagePullBackOff, ...), init containers first. */
    private static String waitingReason(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        return Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .map(ContainerStatus::getState)
                .filter(state -> state != null && state.getWaiting() != null)
                .map(state -> state.getWaiting().getReason())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
