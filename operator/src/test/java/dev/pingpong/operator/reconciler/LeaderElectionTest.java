package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.LeaseTimings;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.MutableClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas with leader election under deploy/'s RBAC (the Lease renewed with PATCH): only the holder
 * reconciles, and when it stops the other takes the Lease over within the Lease duration and reconciles.
 */
class LeaderElectionTest {

    /** Short, so the test waits seconds, not the default 15 s. */
    private static final LeaseTimings TIMINGS = new LeaseTimings(Duration.ofSeconds(4), Duration.ofSeconds(3),
            Duration.ofMillis(500));
    private static MockCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MockCluster.start(LeaderElectionTest.class);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void theStandbyTakesOverWithinTheLeaseDurationWhenTheLeaderStops() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        OperatorMetrics firstMetrics = new OperatorMetrics();
        OperatorMetrics secondMetrics = new OperatorMetrics();
        AtomicInteger firstLost = new AtomicInteger();
        Operator first = start(clock, firstMetrics, "replica-a", firstLost);
        await("replica-a holds the Lease", () -> "replica-a".equals(holder()));
        Operator second = start(clock, secondMetrics, "replica-b", new AtomicInteger());
        try {
            Children before = Children.of(cluster.createPair("elected", "before", new PingPongPairSpec()));
            await("children made by the leader", () -> cluster.deployment(before, Side.CLIENT) != null);
            await("status written", () -> cluster.pair("elected", "before").getStatus() != null);
            assertEquals(0, secondMetrics.reconciliations(), "the standby replica does not reconcile");
            await("the Lease renewed (PATCH, granted by deploy/)", () -> renewals() > 0);

            long stopped = System.nanoTime();
            first.stop();
            await("replica-b holds the Lease", () -> "replica-b".equals(holder()));
            Duration failover = Duration.ofNanos(System.nanoTime() - stopped);
            Children after = Children.of(cluster.createPair("elected", "after", new PingPongPairSpec()));
            await("the new leader reconciles a new pair", () -> cluster.deployment(after, Side.CLIENT) != null
                    && cluster.pair("elected", "after").getStatus() != null);
            Duration reconciled = Duration.ofNanos(System.nanoTime() - stopped);
            System.out.printf("leader failover: Lease taken over %d ms after the leader stopped, new pair reconciled"
                            + " after %d ms (leaseDuration %d ms, retryPeriod %d ms)%n", failover.toMillis(),
                    reconciled.toMillis(), TIMINGS.leaseDuration().toMillis(), TIMINGS.retryPeriod().toMillis());
            assertTrue(failover.compareTo(TIMINGS.leaseDuration().plus(TIMINGS.retryPeriod().multipliedBy(3))) <= 0,
                    "taken over within the Lease duration (plus the standby's polling): " + failover);
            assertEquals(1, firstLost.get(), "the stopped leader was told it no longer leads");
        } finally {
            second.stop();
        }
    }

    private static Operator start(MutableClock clock, OperatorMetrics metrics, String identity, AtomicInteger lost) {
        return cluster.startOperator(clock, metrics, OperatorRuntime.Settings.defaults().withLeaderElection(
                new OperatorRuntime.LeaderElection(MockCluster.LEASE_NAMESPACE, identity, TIMINGS, lost::incrementAndGet)));
    }

    private static Lease lease() {
        return cluster.client().leases().inNamespace(MockCluster.LEASE_NAMESPACE).withName(OperatorRuntime.LEASE_NAME).get();
    }

    private static String holder() {
        Lease lease = lease();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** How often the Lease was written after its creation (each renewal bumps renewTime). */
    private static long renewals() {
        Lease lease = lease();
        return lease == null || lease.getSpec().getRenewTime() == null ? 0
                : lease.getSpec().getRenewTime().isAfter(lease.getSpec().getAcquireTime()) ? 1 : 0;
    }
}
