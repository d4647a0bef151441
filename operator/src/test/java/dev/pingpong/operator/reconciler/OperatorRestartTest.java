package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.isTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.Operator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An operator stopped mid-way and a new one started: it adopts what exists, duplicates nothing, reissues nothing. */
class OperatorRestartTest {

    private static MockCluster cluster;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MockCluster.start(OperatorRestartTest.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aRestartedOperatorConvergesWithoutDuplicates() {
        String ns = "restart";
        Operator first = cluster.startOperator(CLOCK, new OperatorMetrics());
        Children children = Children.of(cluster.createPair(ns, "demo", new PingPongPairSpec()));
        await("the CA Secret", () -> secret(ns, children.caSecret()) != null);
        first.stop();
        Secret ca = secret(ns, children.caSecret());

        OperatorMetrics metrics = new OperatorMetrics();
        Operator second = cluster.startOperator(CLOCK, metrics);
        try {
            await("both Deployments", () -> cluster.deployment(children, Side.SERVER) != null
                    && cluster.deployment(children, Side.CLIENT) != null);
            cluster.reportReady(children, Side.SERVER, 1);
            cluster.reportReady(children, Side.CLIENT, 1);
            await("Ready=True", () -> isTrue(cluster.condition(ns, "demo", Conditions.READY)));

            assertEquals(ca.getMetadata().getUid(), secret(ns, children.caSecret()).getMetadata().getUid());
            assertEquals(ca.getData(), secret(ns, children.caSecret()).getData(), "the CA is adopted, not reissued");
            String selector = "app.kubernetes.io/instance=demo";
            assertEquals(List.of("demo-ca", "demo-client-tls", "demo-server-tls"), cluster.client().secrets()
                    .inNamespace(ns).withLabel("app.kubernetes.io/instance", "demo").list().getItems().stream()
                    .map(s -> s.getMetadata().getName()).sorted().toList(), selector);
            assertEquals(2, cluster.client().apps().deployments().inNamespace(ns).list().getItems().size());
            assertEquals(1, cluster.client().services().inNamespace(ns).list().getItems().size());
            Map<String, String> versions = resourceVersions(ns);

            long reconciles = metrics.reconciliations();
            cluster.nudge(children, Side.CLIENT);
            await("a reconcile after the nudge", () -> metrics.reconciliations() > reconciles);
            Map<String, String> after = resourceVersions(ns);
            after.remove("Deployment/demo-client");
            versions.remove("Deployment/demo-client");
            assertEquals(versions, after, "a converged pair costs no write");
        } finally {
            second.stop();
        }
    }

    /** kind/name to resourceVersion of every child in {@code ns}. */
    private static Map<String, String> resourceVersions(String ns) {
        Map<String, String> versions = new TreeMap<>();
        Stream.of(cluster.client().secrets().inNamespace(ns).list().getItems(),
                        cluster.client().services().inNamespace(ns).list().getItems(),
                        cluster.client().apps().deployments().inNamespace(ns).list().getItems())
                .flatMap(List::stream)
                .forEach(child -> versions.put(child.getKind() + "/" + child.getMetadata().getName(),
                        child.getMetadata().getResourceVersion()));
        return versions;
    }

    private static Secret secret(String ns, String name) {
        return cluster.client().secrets().inNamespace(ns).withName(name).get();
    }
}
