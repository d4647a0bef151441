package dev.pingpong.operator.runtime;

import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.reconciler.PingPongPairReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Clock;
import java.time.Duration;
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

    /** The DNS domain of the cluster's Services when none is configured. */
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";
    /** How often the client pods' /metrics are read when nothing else is configured. */
    public static final Duration DEFAULT_OBSERVE_INTERVAL = Duration.ofSeconds(30);

    /**
     * Leader election: the Lease's namespace, this replica's name in it (its pod name), its timings, and what to do
     * when the Lease is lost while running (exit, so that nothing reconciles without it). JOSDK's own exit on a lost
     * Lease is off: it would also fire from {@code Operator.stop()} inside the SIGTERM hook, where System.exit blocks.
     */
    public record LeaderElection(String leaseNamespace, String identity, LeaseTimings timings, Runnable onLost) {
    }

    /**
     * How the operator runs: empty {@code namespaces} watches all namespaces; a present {@code leaderElection}
     * makes it reconcile only while it holds the Lease; {@code clusterDomain} ends the longest DNS name in server
     * certificates (NAME-server.NS.svc.DOMAIN); {@code observeInterval} is how often the client pods' /metrics are
     * read (zero: never).
     */
    public record Settings(Set<String> namespaces, Optional<LeaderElection> leaderElection, String clusterDomain,
                           Duration observeInterval) {

        public Settings(Set<String> namespaces, Optional<LeaderElection> leaderElection, String clusterDomain) {
            this(namespaces, leaderElection, clusterDomain, DEFAULT_OBSERVE_INTERVAL);
        }

        public static Settings defaults() {
            return new Settings(Set.of(), Optional.empty(), DEFAULT_CLUSTER_DOMAIN);
        }

        public Settings withLeaderElection(LeaderElection election) {
            return new Settings(namespaces, Optional.of(election), clusterDomain, observeInterval);
        }

        public Settings withObserveInterval(Duration interval) {
            return new Settings(namespaces, leaderElection, clusterDomain, interval);
        }
    }

    /** A registered, not yet started operator. */
    public static Operator create(KubernetesClient client, Clock clock, Settings settings, OperatorMetrics metrics) {
        Operator operator = new Operator(overrider -> {
            overrider.withKubernetesClient(client)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withResourceCloner(new SpecKeepingCloner(client.getKubernetesSerialization()))
                    .withMetrics(metrics)
                    .withCloseClientOnStop(false);
            settings.leaderElection().ifPresent(election -> overrider.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                            .withLeaseNamespace(election.leaseNamespace())
                            .withIdentity(election.identity())
                            .withLeaseDuration(election.timings().leaseDuration())
                            .withRenewDeadline(election.timings().renewDeadline())
                            .withRetryPeriod(election.timings().retryPeriod())
                            .withLeaderCallbacks(new LeaderCallbacks(() -> { }, election.onLost(), leader -> { }))
                            .withExitOnStopLeading(false)
                            .build()));
        });
        PingPongPairReconciler reconciler =
                new PingPongPairReconciler(clock, Images.ofThisVersion(), metrics, settings.clusterDomain(),
                        settings.observeInterval());
        operator.register(reconciler, controller -> {
            if (!settings.namespaces().isEmpty()) {
                controller.settingNamespaces(settings.namespaces());
            }
        });
        return operator;
    }
}
