package dev.pingpong.operator.testing;

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
        metrics = new OperatorMetrics();
        cluster = MockCluster.start(test.getTestClass().orElseThrow());
        operator = cluster.startOperator(clock, metrics);
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
        cluster.close();
    }
}
