package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.RestartMarks;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.recovery.PingSilence;
import dev.pingpong.operator.recovery.PodObservation;
import dev.pingpong.operator.recovery.RecoveryDecision;
import dev.pingpong.operator.recovery.RecoveryPolicy;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One side's recovery step: observe its pods, let the policy decide, and turn a Restart into the restart marks
 * the side's Deployment will carry. The restart history lives on the Deployment so that a restarted operator
 * (or another replica after a leader change) counts the same restarts.
 */
final class SideRecovery {

    /**
     * The decision for a side and the marks its Deployment gets; {@code restarted} when this reconcile restarts it;
     * {@code restarts} the side's restarts ever, this one included.
     */
    record Assessment(Side side, RecoveryDecision decision, RestartMarks marks, boolean restarted, int restarts) {
    }

    private SideRecovery() {
    }

    /**
     * {@code silence}: pings without pongs, if any; the side it blames is judged on it too. {@code awaitedSecret}: the
     * TLS Secret the side mounts when it holds no certificate yet (cert-manager has not written it): its pods cannot
     * start, and a restart would not bring it, so the side waits instead. {@code counted}: the side's restarts as the
     * pair's status says, which may be behind (a status read from a cache that has not yet seen the operator's
     * last status write) or ahead (a Deployment recreated without its marks) of the Deployment's count: the larger
     * counts.
     */
    static Assessment assess(Side side, EffectiveSpec spec, List<Pod> pods, Optional<Deployment> deployment,
                             Optional<PingSilence> silence, Optional<String> awaitedSecret, int counted, Instant now) {
        List<PodObservation> observations = pods.stream()
                .filter(pod -> side.component().equals(label(pod, Children.COMPONENT_LABEL)))
                .map(PodObservations::of)
                .toList();
        String restartedAt = restartedAt(deployment);
        Map<String, String> annotations = deployment.map(d -> d.getMetadata().getAnnotations()).orElse(Map.of());
        String storedHistory = annotations.get(RestartMarks.HISTORY);
        String storedCount = annotations.get(RestartMarks.COUNT);
        int restarts = Math.max(counted, count(storedCount));
        List<Instant> history = recent(storedHistory, now);
        RecoveryDecision decision = new RecoveryPolicy(spec.recoveryEnabled(), spec.unhealthyAfter(),
                spec.maxRestartsPerHour()).decide(observations, history, now,
                silence.filter(blame -> blame.blamed() == side).map(PingSilence::countedFrom).orElse(null));
        if (decision instanceof RecoveryDecision.Restart && awaitedSecret.isPresent()) {
            decision = new RecoveryDecision.WaitAndSee(spec.unhealthyAfter(), "waiting for Secret "
                    + awaitedSecret.get() + " to hold a certificate (see CertificateReady): a restart cannot bring it");
        }
        if (decision instanceof RecoveryDecision.Restart && deployment.isPresent()) {
            String stamp = Conditions.timestamp(now);
            List<Instant> updated = new ArrayList<>(history);
            updated.add(Instant.parse(stamp));
            return new Assessment(side, decision,
                    new RestartMarks(stamp, format(updated), Integer.toString(restarts + 1)), true, restarts + 1);
        }
        return new Assessment(side, decision, new RestartMarks(restartedAt, storedHistory, storedCount), false,
                restarts);
    }

    /** The Deployment's restart count; 0 if it has none or someone made it unreadable. */
    private static int count(String stored) {
        try {
            return stored == null ? 0 : Math.max(0, Integer.parseInt(stored.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** When the side was last restarted, from its Deployment's pod template; empty if never or unreadable. */
    static Optional<Instant> lastRestart(Optional<Deployment> deployment) {
        try {
            return Optional.ofNullable(restartedAt(deployment)).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String restartedAt(Optional<Deployment> deployment) {
        return deployment.map(d -> d.getSpec().getTemplate().getMetadata())
                .map(meta -> meta.getAnnotations()).map(a -> a.get(RestartMarks.RESTARTED_AT)).orElse(null);
    }

    /** The restart times of the last hour from the Deployment annotation; unreadable entries are ignored. */
    static List<Instant> recent(String history, Instant now) {
        if (history == null || history.isBlank()) {
            return List.of();
        }
        Instant since = now.minus(RecoveryPolicy.WINDOW);
        List<Instant> times = new ArrayList<>();
        for (String entry : history.split(",")) {
            try {
                Instant time = Instant.parse(entry.trim());
                if (time.isAfter(since)) {
                    times.add(time);
                }
            } catch (java.time.format.DateTimeParseException e) {
                // someone edited the annotation: an unreadable entry counts for nothing
            }
        }
        return times;
    }

    private static String format(List<Instant> times) {
        return times.stream().map(Instant::toString).collect(Collectors.joining(","));
    }

    private static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
