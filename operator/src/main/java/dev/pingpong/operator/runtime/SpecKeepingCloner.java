package dev.pingpong.operator.runtime;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;

/**
 * java-operator-sdk's copy of every resource it hands out (serialize, read back), except that a pair whose spec
 * could not be read keeps that spec object: serialized, it would come back as an empty spec, which would pass for
 * one asking for every default, and the operator would deploy what nobody asked for.
 */
final class SpecKeepingCloner implements Cloner {

    private final KubernetesSerialization serialization;

    SpecKeepingCloner(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    @Override
    public <R extends HasMetadata> R clone(R object) {
        R copy = serialization.clone(object);
        if (object instanceof PingPongPair pair && pair.getSpec() != null && pair.getSpec().getUnreadable() != null) {
            ((PingPongPair) copy).setSpec(pair.getSpec());
        }
        return copy;
    }
}
