package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.DisruptionBudget;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * NAME-server PodDisruptionBudget over the server pods; exists only while server.podDisruptionBudget.enabled (see
 * {@link DisruptionBudgetEnabled}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Children.MANAGED_SELECTOR))
public class ServerDisruptionBudgetDependent extends PairChild<PodDisruptionBudget> {

    public static final String NAME = "server-disruption-budget";

    public ServerDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        Children children = state.children();
        DisruptionBudget budget = state.spec().serverDisruptionBudget();
        return new PodDisruptionBudgetBuilder()
                .withMetadata(children.metadata(children.disruptionBudget(), Side.SERVER))
                .withNewSpec()
                .withNewSelector().withMatchLabels(children.selector(Side.SERVER)).endSelector()
                .withMinAvailable(budget.minAvailable())
                .withMaxUnavailable(budget.maxUnavailable())
                .endSpec()
                .build();
    }

    /** Nothing in a PodDisruptionBudget's spec is defaulted by the API server once the operator has written it. */
    @Override
    protected boolean specIsAllOurs() {
        return true;
    }
}
