package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation condition of the Certificate dependents: the API server serves cert-manager.io/v1 Certificates.
 * Until it does, their informers are not started (JOSDK registers them when this first holds), so an operator
 * in a cluster without cert-manager starts and serves every other pair. A fact of the cluster, the same for
 * every pair: JOSDK stops the informers again when it fails to hold for one.
 */
public class CertManagerServed implements Condition<Certificate, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<Certificate, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        return DesiredState.of(context).certManagerServed();
    }
}
