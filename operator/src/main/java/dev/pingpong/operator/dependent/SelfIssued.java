package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Reconcile precondition of NAME-ca: the pair's own CA exists only with tls.issuer self; under another issuer the
 * workflow deletes it (nothing depends on it: the TLS Secrets get their CA from the decided certificates).
 */
public class SelfIssued implements Condition<Secret, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<Secret, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        return DesiredState.of(context).spec().tlsIssuer() == TlsIssuer.SELF;
    }
}
