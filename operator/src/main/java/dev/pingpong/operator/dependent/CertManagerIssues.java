package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile precondition of the server Certificate: tls.issuer is certManager; otherwise the workflow deletes it. */
public class CertManagerIssues implements Condition<Certificate, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<Certificate, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        return DesiredState.of(context).spec().certManager();
    }
}
