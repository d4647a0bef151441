package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;

/**
 * Everything the dependents need to compute their desired state, decided once per reconcile by the reconciler
 * (defaults, certificates, restarts) so that every desired() is a plain function of it.
 */
public record DesiredState(EffectiveSpec spec, Children children, CertificateSet certificates,
                           Map<Side, RestartMarks> restarts) {

    private static final String KEY = DesiredState.class.getName();

    public void putInto(Context<PingPongPair> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    public static DesiredState of(Context<PingPongPair> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, DesiredState.class);
    }

    public RestartMarks restarts(Side side) {
        return restarts.get(side);
    }
}
