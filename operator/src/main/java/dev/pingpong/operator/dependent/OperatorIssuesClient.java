package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile precondition of the client TLS Secret: mutual TLS, with the operator signing. */
public class OperatorIssuesClient implements Condition<Secret, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<Secret, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        EffectiveSpec spec = DesiredState.of(context).spec();
        return spec.mutualTls() && !spec.certManager();
    }
}
