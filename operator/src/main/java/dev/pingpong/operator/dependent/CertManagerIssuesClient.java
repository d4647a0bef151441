package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile precondition of the client Certificate: cert-manager issues and TLS is mutual. */
public class CertManagerIssuesClient implements Condition<Certificate, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<Certificate, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        EffectiveSpec spec = DesiredState.of(context).spec();
        return spec.certManager() && spec.mutualTls();
    }
}
