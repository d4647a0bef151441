package dev.pingpong.client.it;

import dev.pingpong.client.it.lossy.Impairment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long lossy-network runs of {@code make soak}, at the client's default {@code --timeout}: 300 pings at 100 ms
 * at 5% and 20% loss each way, 50 ms +- 10 ms with reordering, and a 20 s blackhole. The figures are printed as
 * {@code LOSSY ...} lines; they are reported, not asserted (no time limit is a test's business).
 */
@Tag("soak")
@Timeout(900)
class LossyNetworkSoakTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(300);
    private static final int COUNT = 300;
    private static LossyScenarios scenarios;

    @BeforeAll
    static void startServer() throws Exception {
        scenarios = LossyScenarios.start(LossyNetworkSoakTest.class);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (scenarios != null) {
            scenarios.close();
        }
    }

    @Test
    void fivePercentLossEachWay() throws Exception {
        for (String mode : new String[] {"datagram", "stream"}) {
            scenarios.impaired("soak", Impairment.loss(0.05), mode, 1, COUNT, INTERVAL, TIMEOUT, RUN_LIMIT);
        }
    }

    @Test
    void twentyPercentLossEachWay() throws Exception {
        for (String mode : new String[] {"datagram", "stream"}) {
            LossyScenarios.Figures figures = scenarios.impaired("soak", Impairment.loss(0.2), mode, 1, COUNT, INTERVAL,
                    TIMEOUT, RUN_LIMIT);
            assertTrue(figures.received() > 0, figures.toString());
        }
    }

    @Test
    void fiftyMillisecondsPlusMinusTenWithReordering() throws Exception {
        Impairment slow = Impairment.delay(Duration.ofMillis(50), Duration.ofMillis(10), 0.25);
        for (String mode : new String[] {"datagram", "stream"}) {
            LossyScenarios.Figures figures = scenarios.impaired("soak", slow, mode, 1, COUNT, INTERVAL, TIMEOUT, RUN_LIMIT);
            assertTrue(figures.lost() == 0, mode + ": " + figures);
        }
    }

    @Test
    void twentySecondBlackholeThenHeal() throws Exception {
        for (String mode : new String[] {"datagram", "stream"}) {
            scenarios.blackholeThenHeal(mode, INTERVAL, TIMEOUT, Duration.ofSeconds(3), Duration.ofSeconds(20),
                    Duration.ofSeconds(5), false, RUN_LIMIT);
        }
    }
}
