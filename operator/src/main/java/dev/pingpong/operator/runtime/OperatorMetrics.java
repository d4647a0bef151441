package dev.pingpong.operator.runtime;

import dev.pingpong.app.Counter;
import dev.pingpong.app.Histogram;
import dev.pingpong.app.JvmMetrics;
import dev.pingpong.app.LabeledCounter;
import dev.pingpong.app.Metrics;
import dev.pingpong.operator.model.CertificateStatus;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairStatus;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.recovery.RecoveryDecision;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's metrics, fed by JOSDK (reconciliations, errors, their durations, deleted pairs) and the reconciler
 * (restarts, renewals, each pair's status), with the JVM's, in the shared registry.
 */
public final class OperatorMetrics implements io.javaoperatorsdk.operator.api.monitoring.Metrics {

    private final Metrics registry = new Metrics();
    private final Histogram reconcileDuration = registry.histogram("pingpong_operator_reconcile_duration_seconds",
            "How long a reconcile of a pair took, from the pair to its status update", Histogram.DEFAULT_SECONDS);
    private final Counter reconciliations =
            registry.counter("pingpong_operator_reconciliations_total", "Reconciliations started");
    private final Counter errors = registry.counter("pingpong_operator_reconcile_errors_total", "Reconciliations that failed");
    private final LabeledCounter restarts =
            registry.counter("pingpong_operator_restarts_total", "Restarts of a side performed by recovery", "side");
    private final Counter renewals =
            registry.counter("pingpong_operator_certificate_renewals_total", "Leaf certificates renewed");

    private final PairGauges pairs;

    /** Metrics whose certificate expiry gauges count from the system clock. */
    public OperatorMetrics() {
        this(Clock.systemUTC());
    }

    public OperatorMetrics(Clock clock) {
        // both sides from the start: a scrape shows 0 rather than no series until the first restart
        for (Side side : Side.values()) {
            restarts.labels(side.component());
        }
        pairs = new PairGauges(clock);
        registry.register(pairs);
        registry.register(new JvmMetrics());
    }

    /** What {@code /metrics} serves. */
    public Metrics registry() {
        return registry;
    }

    @Override
    public void reconcileCustomResource(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        reconciliations.increment();
    }

    @Override
    public void failedReconciliation(HasMetadata resource, Exception exception, Map<String, Object> metadata) {
        errors.increment();
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        long start = System.nanoTime();
        try {
            return execution.execute();
        } finally {
            reconcileDuration.observe((System.nanoTime() - start) / 1e9);
        }
    }

    /** A deleted pair's series go. */
    @Override
    public void cleanupDoneFor(ResourceID pair, Map<String, Object> metadata) {
        pairs.remove(new PairGauges.Key(pair.getNamespace().orElse(""), pair.getName()));
    }

    /** What the per-pair gauges say of {@code pair} from now on: its {@code status} as this reconcile left it. */
    public void pairStatus(PingPongPair pair, PingPongPairStatus status) {
        List<Condition> conditions = status.getConditions();
        Optional<Condition> ready = Conditions.find(conditions, Conditions.READY);
        Map<Side, Integer> restarted = new EnumMap<>(Side.class);
        Optional.ofNullable(status.getRestarts()).ifPresent(counts -> {
            restarted.put(Side.SERVER, counts.getServer());
            restarted.put(Side.CLIENT, counts.getClient());
        });
        pairs.put(new PairGauges.Key(pair.getMetadata().getNamespace(), pair.getMetadata().getName()),
                new PairGauges.State(ready.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false),
                        Optional.ofNullable(status.getCertificate()).map(CertificateStatus::getNotAfter)
                                .map(Instant::parse),
                        restarted,
                        ready.map(c -> RecoveryDecision.Exhausted.REASON.equals(c.getReason())).orElse(false),
                        Conditions.find(conditions, Conditions.PAUSED)
                                .map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false)));
    }

    public void restarted(Side side) {
        restarts.labels(side.component()).increment();
    }

    public void renewed(int certificates) {
        renewals.add(certificates);
    }

    public long reconciliations() {
        return reconciliations.get();
    }

    public long errors() {
        return errors.get();
    }

    public long renewals() {
        return renewals.get();
    }
}
