package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.dependent.ChildConflictException;
import dev.pingpong.operator.model.CertificateStatus;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.InvalidSpecException;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairStatus;
import dev.pingpong.operator.model.RestartStatus;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.observe.PingsObservation;
import dev.pingpong.operator.recovery.RecoveryDecision;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one place a pair's status is computed, after a reconcile and after a failure. */
final class StatusComposer {

    static final String INVALID_SPEC = "InvalidSpec";
    static final String RECONCILE_ERROR = "ReconcileError";
    static final String CHILD_CONFLICT = "ChildConflict";
    static final String PAUSED = "Paused";
    static final String RESUMED = "Resumed";
    static final String EXPIRED = "Expired";
    static final String CERTIFICATE_EXPIRED = "CertificateExpired";
    static final String PAUSED_MESSAGE = "reconciliation paused by the annotation " + PairAnnotations.PAUSED
            + "=true: the children are not created, updated, deleted or restarted and no certificate is renewed; "
            + "remove the annotation to resume";
    static final String RESUMED_MESSAGE = "reconciliation resumed: the annotation " + PairAnnotations.PAUSED
            + " was removed";

    private StatusComposer() {
    }

    static PingPongPairStatus reconciled(PingPongPair pair, String endpoint, EffectiveSpec spec,
                                         CertificateReport certificates,
                                         Map<Side, SideReadiness> sides,
                                         Collection<SideRecovery.Assessment> restarts,
                                         Optional<PingsObservation> pings, Instant now) {
        PingPongPairStatus previous = Optional.ofNullable(pair.getStatus()).orElseGet(PingPongPairStatus::new);
        long generation = generation(pair);
        PingPongPairStatus status = new PingPongPairStatus();
        status.setObservedGeneration(generation);
        status.setServerEndpoint(endpoint);
        status.setCertificate(certificates.certificate().orElse(null));
        status.setRestarts(restartStatus(previous.getRestarts(), restarts, now));
        status.setEffectiveSpec(spec.describe(pair.getSpec()));

        List<Condition> conditions = previous.getConditions() == null ? List.of() : previous.getConditions();
        conditions = Conditions.set(conditions, Conditions.CERTIFICATE_READY, certificates.ready(),
                certificates.reason(), certificates.message(), generation, now);
        conditions = withSides(conditions, sides, generation, now);
        status.setObserved(pings.map(PingsObservation::figures).orElse(null));
        if (pings.isPresent() && status.getObserved() == null) {
            status.setObserved(previous.getObserved());
        }
        conditions = pingsFlowing(conditions, pings, generation, now);
        // without any certificate the pods cannot start: that, not their readiness, is what to fix
        SideReadiness overall = !certificates.ready() && certificates.certificate().isEmpty()
                ? new SideReadiness(false, certificates.reason(), certificates.message())
                : overall(sides.get(Side.SERVER), sides.get(Side.CLIENT), endpoint);
        status.setConditions(resumed(pair, Conditions.set(conditions, Conditions.READY, overall.ready(),
                overall.reason(), overall.message(), generation, now), now));
        return status;
    }

    /**
     * The status of a paused pair: what its Deployments show, nothing decided. Everything else observed before the
     * pause stays, except that a certificate that expired meanwhile is reported (it is not renewed while paused).
     */
    static PingPongPairStatus paused(PingPongPair pair, Map<Side, SideReadiness> sides, Instant now) {
        PingPongPairStatus status = previous(pair);
        long generation = generation(pair);
        status.setObservedGeneration(generation);
        List<Condition> conditions = Conditions.set(status.getConditions(), Conditions.PAUSED, true, PAUSED,
                PAUSED_MESSAGE, generation, now);
        conditions = withSides(conditions, sides, generation, now);
        SideReadiness overall = overall(sides.get(Side.SERVER), sides.get(Side.CLIENT), status.getServerEndpoint());
        Optional<Instant> notAfter = Optional.ofNullable(status.getCertificate())
                .map(CertificateStatus::getNotAfter).map(Instant::parse);
        if (notAfter.isPresent() && !now.isBefore(notAfter.get())) {
            String message = "server certificate expired at " + notAfter.get()
                    + " and is not renewed while the pair is paused";
            conditions = Conditions.set(conditions, Conditions.CERTIFICATE_READY, false, EXPIRED, message,
                    generation, now);
            overall = new SideReadiness(false, CERTIFICATE_EXPIRED, message);
        }
        status.setConditions(Conditions.set(conditions, Conditions.READY, overall.ready(), overall.reason(),
                overall.message(), generation, now));
        return status;
    }

    /** {@code conditions} with ServerReady and ClientReady as {@code sides} say. */
    private static List<Condition> withSides(List<Condition> conditions, Map<Side, SideReadiness> sides,
                                             long generation, Instant now) {
        List<Condition> updated = conditions;
        for (Side side : Side.values()) {
            SideReadiness readiness = sides.get(side);
            updated = Conditions.set(updated, condition(side), readiness.ready(), readiness.reason(),
                    readiness.message(), generation, now);
        }
        return updated;
    }

    /** The condition type of a side's readiness. */
    static String condition(Side side) {
        return side == Side.SERVER ? Conditions.SERVER_READY : Conditions.CLIENT_READY;
    }

    /** Whether the status the pair carries says it is paused. */
    /** The reason of the pair's Paused condition ({@link #PAUSED} or {@link #RESUMED}); null if never paused. */
    static String pauseReason(PingPongPair pair) {
        return Optional.ofNullable(pair.getStatus())
                .flatMap(status -> Conditions.find(status.getConditions(), Conditions.PAUSED))
                .map(Condition::getReason).orElse(null);
    }

    /** Whether the status the pair carries has condition {@code type} with {@code reason}. */
    static boolean reported(PingPongPair pair, String type, String reason) {
        return Optional.ofNullable(pair.getStatus())
                .flatMap(status -> Conditions.find(status.getConditions(), type))
                .map(condition -> reason.equals(condition.getReason())).orElse(false);
    }

    /** The renew-now value the pair's status says was handled; null when none was. */
    static String renewNowHandled(PingPongPair pair) {
        return Optional.ofNullable(pair.getStatus()).map(PingPongPairStatus::getCertificate)
                .map(CertificateStatus::getRenewNowHandled).orElse(null);
    }

    /** {@code conditions} with Paused=False Resumed if it was True and the pair is no longer paused. */
    private static List<Condition> resumed(PingPongPair pair, List<Condition> conditions, Instant now) {
        return Conditions.find(conditions, Conditions.PAUSED)
                .filter(paused -> "True".equals(paused.getStatus()) && !PairAnnotations.paused(pair))
                .map(paused -> Conditions.set(conditions, Conditions.PAUSED, false, RESUMED, RESUMED_MESSAGE,
                        generation(pair), now))
                .orElse(conditions);
    }

    /**
     * PingsFlowing as observed; absent when observation is off. Before the first read (a new pair, or any pair
     * right after the operator started) a condition already there stays as it is.
     */
    private static List<Condition> pingsFlowing(List<Condition> conditions, Optional<PingsObservation> pings,
                                                long generation, Instant now) {
        if (pings.isEmpty()) {
            return Conditions.remove(conditions, Conditions.PINGS_FLOWING);
        }
        PingsObservation observation = pings.get();
        if (PingsObservation.NOT_OBSERVED.equals(observation.reason())
                && Conditions.find(conditions, Conditions.PINGS_FLOWING).isPresent()) {
            return conditions;
        }
        return Conditions.set(conditions, Conditions.PINGS_FLOWING, observation.status(), observation.reason(),
                observation.message(), generation, now);
    }

    /**
     * The status after a failed reconcile: everything observed before stays, Ready says what went wrong. A new
     * object, never the pair's own: the caller compares the two to decide whether to write.
     */
    static PingPongPairStatus failed(PingPongPair pair, Exception error, Instant now) {
        PingPongPairStatus status = previous(pair);
        long generation = generation(pair);
        List<Condition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        Optional<InvalidSpecException> invalid = invalidSpec(error);
        if (invalid.isPresent()) {
            status.setObservedGeneration(generation);
            status.setConditions(resumed(pair, Conditions.set(conditions, Conditions.READY, false, INVALID_SPEC,
                    "spec is invalid: " + invalid.get().getMessage() + "; edit the PingPongPair to fix it",
                    generation, now), now));
        } else {
            status.setConditions(resumed(pair, Conditions.set(conditions, Conditions.READY, false, RECONCILE_ERROR,
                    "reconcile failed, retrying: " + describe(error), generation, now), now));
        }
        return status;
    }

    /**
     * The status when no certificate can be issued (the CA Secret of issuer secret is missing or unusable): both
     * CertificateReady and Ready are False with {@code reason}; what was observed before stays.
     */
    static PingPongPairStatus certificatesBlocked(PingPongPair pair, String reason, String message, Instant now) {
        PingPongPairStatus status = previous(pair);
        long generation = generation(pair);
        status.setObservedGeneration(generation);
        List<Condition> conditions = Conditions.set(status.getConditions(), Conditions.CERTIFICATE_READY, false,
                reason, message, generation, now);
        status.setConditions(Conditions.set(conditions, Conditions.READY, false, reason,
                "no certificates can be issued: " + message, generation, now));
        return status;
    }

    /** The status when objects in the way of the pair's children cannot be taken over: {@code message} says why. */
    static PingPongPairStatus conflict(PingPongPair pair, String message, Instant now) {
        PingPongPairStatus status = previous(pair);
        List<Condition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        status.setConditions(resumed(pair, Conditions.set(conditions, Conditions.READY, false, CHILD_CONFLICT,
                message, generation(pair), now), now));
        return status;
    }

    /** Every failure of the workflow if all are conflicts (one line, "; " between them); empty otherwise. */
    static Optional<String> conflicts(AggregatedOperatorException error) {
        List<String> messages = error.getAggregatedExceptions().values().stream()
                .map(failure -> cause(failure, ChildConflictException.class))
                .map(conflict -> conflict.map(Throwable::getMessage).orElse(null))
                .toList();
        return messages.isEmpty() || messages.contains(null) ? Optional.empty()
                : Optional.of(String.join("; ", messages));
    }

    /** A copy of what the pair's status says now (a new object: callers compare the two before writing). */
    private static PingPongPairStatus previous(PingPongPair pair) {
        PingPongPairStatus status = new PingPongPairStatus();
        Optional.ofNullable(pair.getStatus()).ifPresent(previous -> {
            status.setObservedGeneration(previous.getObservedGeneration());
            status.setConditions(previous.getConditions());
            status.setServerEndpoint(previous.getServerEndpoint());
            status.setCertificate(previous.getCertificate());
            status.setRestarts(previous.getRestarts());
            status.setObserved(previous.getObserved());
            status.setEffectiveSpec(previous.getEffectiveSpec());
        });
        return status;
    }

    static Optional<InvalidSpecException> invalidSpec(Throwable error) {
        return cause(error, InvalidSpecException.class);
    }

    private static <T extends Throwable> Optional<T> cause(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** Ready: both sides serve ping-pong. RecoveryExhausted wins; a side scaled to zero is ready, the pair is not. */
    private static SideReadiness overall(SideReadiness server, SideReadiness client, String endpoint) {
        for (SideReadiness side : List.of(server, client)) {
            if (SideReadiness.RECOVERY_EXHAUSTED.equals(side.reason())) {
                return side;
            }
        }
        if (!server.ready() || !client.ready()) {
            return server.ready() ? client : server;
        }
        for (SideReadiness side : List.of(server, client)) {
            if (SideReadiness.SCALED_TO_ZERO.equals(side.reason())) {
                return new SideReadiness(false, SideReadiness.SCALED_TO_ZERO, side.message()
                        + ": no ping-pong until it is scaled up");
            }
        }
        return new SideReadiness(true, "PairReady", "server and client are ready; server endpoint " + endpoint);
    }

    /** The side's restarts as the pair's status says (0 without any). */
    static int restarts(PingPongPair pair, Side side) {
        return Optional.ofNullable(pair.getStatus()).map(PingPongPairStatus::getRestarts)
                .map(restarts -> side == Side.SERVER ? restarts.getServer() : restarts.getClient()).orElse(0);
    }

    /**
     * The counters never go down: each side's is the larger of the status's and the assessment's, which counts from
     * the Deployment's record (see {@link SideRecovery#assess}).
     */
    private static RestartStatus restartStatus(RestartStatus previous, Collection<SideRecovery.Assessment> sides,
                                               Instant now) {
        RestartStatus status = new RestartStatus();
        if (previous != null) {
            status.setServer(previous.getServer());
            status.setClient(previous.getClient());
            status.setLastRestartTime(previous.getLastRestartTime());
            status.setLastRestartReason(previous.getLastRestartReason());
        }
        for (SideRecovery.Assessment side : sides) {
            if (side.side() == Side.SERVER) {
                status.setServer(Math.max(status.getServer(), side.restarts()));
            } else {
                status.setClient(Math.max(status.getClient(), side.restarts()));
            }
            if (side.restarted()) {
                status.setLastRestartTime(Conditions.timestamp(now));
                status.setLastRestartReason(side.side().component() + ": "
                        + ((RecoveryDecision.Restart) side.decision()).reason());
            }
        }
        status.setTotal(status.getServer() + status.getClient());
        return status;
    }

    private static long generation(PingPongPair pair) {
        return Optional.ofNullable(pair.getMetadata().getGeneration()).orElse(0L);
    }

    /** What failed, in one line: per failed dependent, the innermost message (the one that names the cause). */
    static String describe(Throwable error) {
        if (error instanceof AggregatedOperatorException aggregated && !aggregated.getAggregatedExceptions().isEmpty()) {
            return aggregated.getAggregatedExceptions().entrySet().stream()
                    .map(failed -> failed.getKey() + ": " + innermost(failed.getValue()))
                    .collect(Collectors.joining("; "));
        }
        return innermost(error);
    }

    private static String innermost(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof KubernetesClientException api && api.getStatus() != null) {
            return "API server answered " + api.getCode() + " " + api.getStatus().getReason() + ": "
                    + api.getStatus().getMessage();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
