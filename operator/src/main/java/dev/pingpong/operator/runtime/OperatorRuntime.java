package dev.pingpong.operator.runtime;

import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.reconciler.PingPongPairReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
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
     * Leader election: the Lease's namespace, this replica's name in it (its pod name), and what to do when the
     * Lease is lost while running (exit, so that nothing reconciles without it). JOSDK's own exit on a lost Lease
     * is off: it would also fire from {@code Operator.stop()} inside the SIGTERM hook, where System.exit blocks.
     */
    public record LeaderElection(String leaseNamespace, String identity, Runnable onLost) {
    }

    /**
     * A registered, not yet started operator. Empty {@code namespaces} watches all namespaces; a present
     * {@code leaderElection} makes it reconcile only while it holds the Lease.
     */
    public static Operator create(KubernetesClient client, Clock clock, Set<String> namespaces,
                                  Optional<LeaderElection> leaderElection, OperatorMetrics metrics) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withMetrics(metrics)
                    .withCloseClientOnStop(false);
            leaderElection.ifPresent(election -> overrider.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                            .withLeaseNamespace(election.leaseNamespace())
                            .withIdentity(election.identity())
                            .withLeaderCallbacks(new LeaderCallbacks(() -> { }, election.onLost(), leader -> { }))
                            .withExitOnStopLeading(false)
                            .build()));
        });
        operator.register(new PingPongPairReconciler(clock, Images.ofThisVersion(), metrics), controller -> {
            if (!namespaces.isEmpty()) {
                controller.settingNamespaces(namespaces);
            }
        });
        return operator;
    }
}
