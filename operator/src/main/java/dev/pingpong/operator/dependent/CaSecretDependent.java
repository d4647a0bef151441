package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;

/** NAME-ca: the pair's own CA (Opaque, ca.crt and ca.key). */
public class CaSecretDependent extends CRUDKubernetesDependentResource<Secret, PingPongPair> {

    public static final String NAME = "ca-secret";

    public CaSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        return SecretData.ca(state.children(), state.certificates().ca());
    }
}
