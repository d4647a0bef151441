package dev.pingpong.operator.testing;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.OperatorMetrics;
import io.javaoperatorsdk.operator.Operator;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/** A test class with one mock API server and one running operator for all its tests, on a clock of its own. */
public abstract class OperatorOnMockServer {

    protected static MockCluster cluster;
    protected static MutableClock clock;
    protected static OperatorMetrics metrics;
    private static Operator operator;

    @BeforeAll
    static void startOperator(TestInfo test) throws Exception {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        metrics = new OperatorMetrics(clock);
        cluster = MockCluster.start(test.getTestClass().orElseThrow());
        operator = cluster.startOperator(clock, metrics);
    }

    /** Nudges the operator and waits until it reconciled, so a test can check that nothing more happened. */
    protected static void settle(Children children, Side side) {
        long before = metrics.reconciliations();
        cluster.nudge(children, side);
        MockCluster.await("a reconcile after the nudge", () -> metrics.reconciliations() > before);
        long[] last = {metrics.reconciliations()};
        MockCluster.await("reconciles to settle", () -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long now = metrics.reconciliations();
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
        cluster.close();
    }
}
