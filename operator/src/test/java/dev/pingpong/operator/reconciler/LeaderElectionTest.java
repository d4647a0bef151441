package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.MutableClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.Operator;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two replicas with leader election: only the Lease holder reconciles. */
class LeaderElectionTest {

    private static MockCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MockCluster.start();
        cluster.allowLeases("operators");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void onlyTheLeaseHolderReconciles() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        OperatorMetrics firstMetrics = new OperatorMetrics();
        OperatorMetrics secondMetrics = new OperatorMetrics();
        Operator first = cluster.startOperator(clock, firstMetrics,
                Optional.of(new OperatorRuntime.LeaderElection("operators", "replica-a", () -> { })));
        await("replica-a holds the Lease", () -> "replica-a".equals(holder()));
        Operator second = cluster.startOperator(clock, secondMetrics,
                Optional.of(new OperatorRuntime.LeaderElection("operators", "replica-b", () -> { })));
        try {
            Children children = Children.of(cluster.createPair("elected", "demo", new PingPongPairSpec()));
            await("children made by the leader", () -> cluster.deployment(children, Side.CLIENT) != null);
            await("status written", () -> cluster.pair("elected", "demo").getStatus() != null);
            assertEquals(0, secondMetrics.reconciliations(), "the standby replica does not reconcile");
            assertEquals("replica-a", holder());
        } finally {
            second.stop();
            first.stop();
        }
    }

    private static String holder() {
        Lease lease = cluster.client().leases().inNamespace("operators").withName(OperatorRuntime.LEASE_NAME).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }
}
