package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A side's Deployment, matched with its resource quantities compared by amount. The API server stores every
 * quantity in its canonical spelling ({@code 0.5} as {@code 500m}, {@code 1024Mi} as {@code 1Gi}), so a
 * Deployment written from a spec that spells one otherwise would never match its stored self and would be
 * rewritten on every reconcile.
 */
abstract class SideDeployment extends PairChild<Deployment> {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    SideDeployment() {
        super(Deployment.class);
    }

    @Override
    public Result<Deployment> match(Deployment actual, Deployment desired, PingPongPair pair,
                                    Context<PingPongPair> context) {
        return super.match(actual, spelledAsStored(desired, actual), pair, context);
    }

    /**
     * A copy of {@code desired} in which every container quantity that {@code actual} holds in the same amount is
     * spelled as {@code actual} spells it. A different amount (or one that does not parse: the API server refuses it
     * on write) keeps the desired spelling and so still fails the match.
     */
    static Deployment spelledAsStored(Deployment desired, Deployment actual) {
        Map<String, ResourceRequirements> stored = containers(actual).stream()
                .filter(container -> container.getResources() != null)
                .collect(Collectors.toMap(Container::getName, Container::getResources, (first, second) -> first));
        Deployment copy = SERIALIZATION.clone(desired);
        for (Container container : containers(copy)) {
            ResourceRequirements storedResources = stored.get(container.getName());
            if (container.getResources() != null && storedResources != null) {
                respell(container.getResources().getRequests(), storedResources.getRequests());
                respell(container.getResources().getLimits(), storedResources.getLimits());
            }
        }
        return copy;
    }

    private static List<Container> containers(Deployment deployment) {
        return Optional.ofNullable(deployment.getSpec()).map(DeploymentSpec::getTemplate).map(PodTemplateSpec::getSpec)
                .map(PodSpec::getContainers).orElse(List.of());
    }

    private static void respell(Map<String, Quantity> desired, Map<String, Quantity> stored) {
        if (desired != null && stored != null) {
            desired.replaceAll((name, quantity) -> sameAmount(quantity, stored.get(name)) ? stored.get(name) : quantity);
        }
    }

    private static boolean sameAmount(Quantity desired, Quantity stored) {
        try {
            return stored != null && desired.equals(stored);
        } catch (IllegalArgumentException | ArithmeticException unparsable) {
            return false;
        }
    }
}
