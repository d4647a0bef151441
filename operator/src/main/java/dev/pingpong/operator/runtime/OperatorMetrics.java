package dev.pingpong.operator.runtime;

import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The operator's counters, fed by JOSDK (reconciliations, errors) and the reconciler; rendered as Prometheus text. */
public final class OperatorMetrics implements Metrics {

    private final LongAdder reconciliations = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder renewals = new LongAdder();
    private final Map<Side, LongAdder> restarts = new EnumMap<>(Side.class);

    public OperatorMetrics() {
        for (Side side : Side.values()) {
            restarts.put(side, new LongAdder());
        }
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
        restarts.get(side).increment();
    }

    public void renewed(int certificates) {
        renewals.add(certificates);
    }

    public long reconciliations() {
        return reconciliations.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long renewals() {
        return renewals.sum();
    }

    /** Prometheus text exposition format 0.0.4. */
    public String prometheus() {
        StringBuilder out = new StringBuilder();
        counter(out, "pingpong_operator_reconciliations_total", "Reconciliations started", reconciliations.sum());
        counter(out, "pingpong_operator_reconcile_errors_total", "Reconciliations that failed", errors.sum());
        out.append("# HELP pingpong_operator_restarts_total Restarts of a side performed by recovery\n")
                .append("# TYPE pingpong_operator_restarts_total counter\n");
        for (Side side : Side.values()) {
            out.append("pingpong_operator_restarts_total{side=\"").append(side.component()).append("\"} ")
                    .append(restarts.get(side).sum()).append('\n');
        }
        counter(out, "pingpong_operator_certificate_renewals_total", "Leaf certificates renewed", renewals.sum());
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
