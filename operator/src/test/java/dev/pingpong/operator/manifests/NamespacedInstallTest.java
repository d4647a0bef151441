package dev.pingpong.operator.manifests;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.MutableClock;
import dev.pingpong.operator.testing.apiserver.Rbac;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/overlays/namespaced as installed: the test API server enforces the roles {@code kubectl kustomize} renders
 * from it (a Role in the operator's namespace, nothing cluster-wide but what Kubernetes grants every account), and
 * the operator watches that namespace only, as the overlay's WATCH_NAMESPACES makes it.
 */
class NamespacedInstallTest {

    /** The overlay's namespace: where the operator runs, and all it watches. */
    private static final String NAMESPACE = "pingpong";

    @Test
    void theOperatorReconcilesPairsInItsNamespaceAndIsRefusedElsewhere() throws Exception {
        Rbac roles = Rbac.of(Kustomize.render(Manifests.DEPLOY.resolve("overlays/namespaced")), NAMESPACE)
                .withBasicUser();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        OperatorMetrics metrics = new OperatorMetrics(clock);
        try (MockCluster cluster = MockCluster.start(NamespacedInstallTest.class, roles)) {
            Operator operator = cluster.startOperator(clock, metrics, new OperatorRuntime.Settings(Set.of(NAMESPACE),
                    Optional.empty(), OperatorRuntime.DEFAULT_CLUSTER_DOMAIN));
            try {
                Children here = Children.of(cluster.createPair(NAMESPACE, "demo", new PingPongPairSpec()));
                await("children in its namespace", () -> cluster.deployment(here, Side.SERVER) != null
                        && cluster.deployment(here, Side.CLIENT) != null
                        && cluster.client().secrets().inNamespace(NAMESPACE).withName(here.tlsSecret(Side.SERVER))
                        .get() != null);
                cluster.reportReady(here, Side.SERVER, 1);
                cluster.reportReady(here, Side.CLIENT, 1);
                await("Ready", () -> MockCluster.isTrue(cluster.condition(NAMESPACE, "demo", Conditions.READY)));

                Children elsewhere = Children.of(cluster.createPair("team-b", "demo", new PingPongPairSpec()));
                long reconciles = metrics.reconciliations();
                cluster.nudge(here, Side.SERVER); // a reconcile here: the one in team-b, had it been seen, came first
                await("a reconcile in its namespace", () -> metrics.reconciliations() > reconciles);
                assertNull(cluster.pair("team-b", "demo").getStatus(), "not watched: no status");
                assertNull(cluster.deployment(elsewhere, Side.SERVER), "and no children");
                assertEquals(0, cluster.operatorChildWrites("team-b"));

                KubernetesClient asOperator = cluster.operatorClient();
                KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                        () -> asOperator.secrets().inNamespace("team-b").list());
                assertEquals(403, refused.getCode());
                assertThrows(KubernetesClientException.class, () -> asOperator.secrets().inAnyNamespace().list());
                assertEquals(List.of("list core/secrets in namespace team-b",
                        "list core/secrets (all namespaces or cluster)"), cluster.takeDenials());
            } finally {
                operator.stop();
            }
        }
    }
}
