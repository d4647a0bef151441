package dev.pingpong.operator.recovery;

import java.time.Instant;

/**
 * What the operator saw of one pod of a side.
 *
 * @param notReadySince when the pod's Ready condition last turned false (its lastTransitionTime), null if unknown
 * @param waitingReason a container's state.waiting.reason (e.g. CrashLoopBackOff, ImagePullBackOff) or null
 * @param deleting      the pod has a deletionTimestamp: it is going away
 */
public record PodObservation(String name, boolean ready, Instant notReadySince, String waitingReason, boolean deleting) {
}
