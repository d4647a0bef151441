package dev.pingpong.operator.runtime;

import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.reconciler.PingPongPairReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The operator assembled: JOSDK with the PingPongPair reconciler, configured to work without server-side apply
 * (update and JSON merge patch only), on the given client, namespaces, clock and leader election.
 */
public final class OperatorRuntime {

    /** The Lease held by the active replica when leader election is on. */
    public static final String LEASE_NAME = "pingpong-operator";

    private OperatorRuntime() {
    }

    /**
     * A registered, not yet started operator. Empty {@code namespaces} watches all namespaces; a present
     * {@code leaseNamespace} turns leader election on.
     */
    public static Operator create(KubernetesClient client, Clock clock, Set<String> namespaces,
                                  Optional<String> leaseNamespace, OperatorMetrics metrics) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withMetrics(metrics)
                    .withCloseClientOnStop(false);
            leaseNamespace.ifPresent(namespace -> overrider.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(LEASE_NAME, namespace)));
        });
        operator.register(new PingPongPairReconciler(clock, Images.ofThisVersion(), metrics), controller -> {
            if (!namespaces.isEmpty()) {
                controller.settingNamespaces(namespaces);
            }
        });
        return operator;
    }
}
