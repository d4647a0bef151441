package dev.pingpong.operator.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a side needs a restart: a pure function of its pods, its restart history and the time.
 *
 * <p>In order: disabled; no live pods (none yet, or all terminating) means wait; a container waiting for a cause a
 * restart cannot fix is reported; all live pods ready is healthy; a pod in CrashLoopBackOff, or unready for at
 * least unhealthyAfter, calls for a restart, unless the last restart is younger than unhealthyAfter (its pods get
 * that long to become ready) or maxRestartsPerHour restarts happened in the last hour (exhausted). An unready pod
 * younger than unhealthyAfter means wait until it is that old. A side whose pods are all ready but which answers
 * for pings without pongs (see {@link PingSilence}) is restarted like an unready one once they have been silent
 * for unhealthyAfter.
 */
public final class RecoveryPolicy {

    /** The window maxRestartsPerHour counts over. */
    public static final Duration WINDOW = Duration.ofHours(1);

    public static final String CRASH_LOOP = "CrashLoopBackOff";
    public static final String UNREADY = "Unready";
    public static final String NO_PONGS = "NoPongs";

    private static final Map<String, String> NOT_RESTARTABLE = Map.of(
            "ImagePullBackOff", "the image cannot be pulled: check the side's image in spec and the registry's credentials",
            "ErrImagePull", "the image cannot be pulled: check the side's image in spec and the registry's credentials",
            "ErrImageNeverPull", "the image is not on the node and imagePullPolicy is Never",
            "InvalidImageName", "the image name is invalid: fix the side's image in spec",
            "ImageInspectError", "the image on the node cannot be inspected: check the image",
            "CreateContainerConfigError", "the container's configuration is incomplete (a missing Secret, ConfigMap or key)");

    private final boolean enabled;
    private final Duration unhealthyAfter;
    private final int maxRestartsPerHour;

    public RecoveryPolicy(boolean enabled, Duration unhealthyAfter, int maxRestartsPerHour) {
        if (unhealthyAfter == null || unhealthyAfter.isNegative() || unhealthyAfter.isZero()) {
            throw new IllegalArgumentException("unhealthyAfter must be positive, got " + unhealthyAfter);
        }
        if (maxRestartsPerHour < 0) {
            throw new IllegalArgumentException("maxRestartsPerHour must not be negative, got " + maxRestartsPerHour);
        }
        this.enabled = enabled;
        this.unhealthyAfter = unhealthyAfter;
        this.maxRestartsPerHour = maxRestartsPerHour;
    }

    /**
     * @param pods     the side's pods as observed now
     * @param restarts when this side was restarted (its Deployment's restart history), any order; older than an hour are ignored
     *                 except the latest, which suppresses a new restart until its pods had unhealthyAfter to become ready
     */
    public RecoveryDecision decide(List<PodObservation> pods, List<Instant> restarts, Instant now) {
        return decide(pods, restarts, now, null);
    }

    /**
     * As {@link #decide(List, List, Instant)}, for a side that answers for pings without pongs counted from
     * {@code silentSince} (null: it does not).
     */
    public RecoveryDecision decide(List<PodObservation> pods, List<Instant> restarts, Instant now, Instant silentSince) {
        if (!enabled) {
            return new RecoveryDecision.Disabled();
        }
        List<PodObservation> live = pods.stream().filter(pod -> !pod.deleting()).toList();
        if (live.isEmpty()) {
            return new RecoveryDecision.WaitAndSee(unhealthyAfter,
                    pods.isEmpty() ? "no pods yet" : "all pods are terminating");
        }
        Optional<RecoveryDecision> notRestartable = live.stream()
                .filter(pod -> pod.waitingReason() != null && NOT_RESTARTABLE.containsKey(pod.waitingReason()))
                .findFirst()
                .map(pod -> new RecoveryDecision.NotRestartable(pod.waitingReason(),
                        "pod " + pod.name() + ": " + NOT_RESTARTABLE.get(pod.waitingReason())));
        if (notRestartable.isPresent()) {
            return notRestartable.get();
        }
        if (live.stream().allMatch(PodObservation::ready)) {
            return silentSince == null ? new RecoveryDecision.Healthy() : silent(silentSince, pods, restarts, now);
        }
        Optional<PodObservation> crashing = live.stream().filter(pod -> CRASH_LOOP.equals(pod.waitingReason())).findFirst();
        if (crashing.isPresent()) {
            return restartUnlessHeld(CRASH_LOOP, "pod " + crashing.get().name() + " is in CrashLoopBackOff", pods,
                    restarts, now);
        }
        PodObservation longestUnready = live.stream().filter(pod -> !pod.ready())
                .min(Comparator.comparing(pod -> unreadySince(pod, now))).orElseThrow();
        Instant restartDue = unreadySince(longestUnready, now).plus(unhealthyAfter);
        if (now.isBefore(restartDue)) {
            return new RecoveryDecision.WaitAndSee(Duration.between(now, restartDue),
                    "pod " + longestUnready.name() + " is not ready yet");
        }
        return restartUnlessHeld(UNREADY, "pod " + longestUnready.name() + " is not ready", pods, restarts, now);
    }

    private RecoveryDecision silent(Instant since, List<PodObservation> pods, List<Instant> restarts, Instant now) {
        String what = "no pong since " + since;
        Instant due = since.plus(unhealthyAfter);
        if (now.isBefore(due)) {
            return new RecoveryDecision.WaitAndSee(Duration.between(now, due), what);
        }
        return restartUnlessHeld(NO_PONGS, what, pods, restarts, now);
    }

    /** {@code what}: the cause in words, for the message when the restart is refused ("pod P is not ready"). */
    private RecoveryDecision restartUnlessHeld(String reason, String what, List<PodObservation> pods,
                                               List<Instant> restarts, Instant now) {
        Optional<PodObservation> terminating = pods.stream().filter(PodObservation::deleting).findFirst();
        if (terminating.isPresent()) {
            return new RecoveryDecision.WaitAndSee(unhealthyAfter,
                    "pod " + terminating.get().name() + " is still terminating from the last rollout");
        }
        Optional<Instant> last = restarts.stream().filter(Objects::nonNull).max(Comparator.naturalOrder());
        if (last.isPresent() && now.isBefore(last.get().plus(unhealthyAfter))) {
            return new RecoveryDecision.WaitAndSee(Duration.between(now, last.get().plus(unhealthyAfter)),
                    "restarted at " + last.get() + "; its pods get " + unhealthyAfter.toSeconds() + "s to become ready");
        }
        Instant windowStart = now.minus(WINDOW);
        List<Instant> recent = restarts.stream().filter(Objects::nonNull).filter(at -> at.isAfter(windowStart)).sorted().toList();
        if (recent.size() >= maxRestartsPerHour) {
            String next = recent.isEmpty() ? "never (maxRestartsPerHour is 0)"
                    : recent.get(recent.size() - maxRestartsPerHour).plus(WINDOW).toString();
            return new RecoveryDecision.Exhausted(what + " but "
                    + recent.size() + " restarts in the last hour reached maxRestartsPerHour=" + maxRestartsPerHour
                    + "; next restart allowed at " + next);
        }
        return new RecoveryDecision.Restart(reason);
    }

    private static Instant unreadySince(PodObservation pod, Instant now) {
        // Unknown means "just observed": the pod gets the full unhealthyAfter from now.
        return pod.notReadySince() == null ? now : pod.notReadySince();
    }
}
