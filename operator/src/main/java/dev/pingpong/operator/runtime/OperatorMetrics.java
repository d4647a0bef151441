package dev.pingpong.operator.runtime;

import dev.pingpong.app.Counter;
import dev.pingpong.app.LabeledCounter;
import dev.pingpong.app.Metrics;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.util.Map;

/** The operator's counters, fed by JOSDK (reconciliations, errors) and the reconciler, in the shared registry. */
public final class OperatorMetrics implements io.javaoperatorsdk.operator.api.monitoring.Metrics {

    private final Metrics registry = new Metrics();
    private final Counter reconciliations =
            registry.counter("pingpong_operator_reconciliations_total", "Reconciliations started");
    private final Counter errors = registry.counter("pingpong_operator_reconcile_errors_total", "Reconciliations that failed");
    private final LabeledCounter restarts =
            registry.counter("pingpong_operator_restarts_total", "Restarts of a side performed by recovery", "side");
    private final Counter renewals =
            registry.counter("pingpong_operator_certificate_renewals_total", "Leaf certificates renewed");

    public OperatorMetrics() {
        // both sides from the start: a scrape shows 0 rather than no series until the first restart
        for (Side side : Side.values()) {
            restarts.labels(side.component());
        }
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
