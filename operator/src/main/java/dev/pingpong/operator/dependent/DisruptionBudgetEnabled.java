package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile precondition of the server's PodDisruptionBudget: when it does not hold, the workflow deletes it. */
public class DisruptionBudgetEnabled implements Condition<PodDisruptionBudget, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<PodDisruptionBudget, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        return DesiredState.of(context).spec().serverDisruptionBudget().enabled();
    }
}
