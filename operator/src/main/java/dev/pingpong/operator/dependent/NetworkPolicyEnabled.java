package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Reconcile precondition of the server's NetworkPolicy: when it does not hold, the workflow deletes it. */
public class NetworkPolicyEnabled implements Condition<NetworkPolicy, PingPongPair> {

    @Override
    public boolean isMet(DependentResource<NetworkPolicy, PingPongPair> dependent, PingPongPair pair,
                         Context<PingPongPair> context) {
        return DesiredState.of(context).spec().serverNetworkPolicy().enabled();
    }
}
