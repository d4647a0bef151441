package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile precondition of the server TLS Secret: the operator signs (issuer self or secret), not cert-manager. */
public class OperatorIssues implements Condition<Secret, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<Secret, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        return !DesiredState.of(context).spec().certManager();
    }
}
