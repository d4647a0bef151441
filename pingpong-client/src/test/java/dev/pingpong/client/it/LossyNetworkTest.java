package dev.pingpong.client.it;

import dev.pingpong.client.it.lossy.Impairment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client and a real server over a lossy, slow, reordering and then cut network (a {@link
 * dev.pingpong.client.it.lossy.LossyRelay} between them), in short runs; {@code make soak} runs the long ones
 * ({@link LossyNetworkSoakTest}). Every seq is settled exactly once, and where the connection survives the
 * network the session does too: no reconnect.
 */
@Timeout(300)
class LossyNetworkTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);
    private static LossyScenarios scenarios;

    @BeforeAll
    static void startServer() throws Exception {
        scenarios = LossyScenarios.start(LossyNetworkTest.class);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (scenarios != null) {
            scenarios.close();
        }
    }

    @Test
    void datagramsAtFivePercentLossEachWayAreSettledOneByOneAndTheSessionStays() throws Exception {
        LossyScenarios.Figures figures = scenarios.impaired("short", Impairment.loss(0.05), "datagram", 2, 60, INTERVAL,
                TIMEOUT, RUN_LIMIT);
        assertTrue(figures.received() > 0);
    }

    @Test
    void streamAtFivePercentLossEachWayLosesNothing() throws Exception {
        LossyScenarios.Figures figures = scenarios.impaired("short", Impairment.loss(0.05), "stream", 1, 60, INTERVAL,
                Duration.ofSeconds(5), RUN_LIMIT);
        assertTrue(figures.lost() == 0, "QUIC retransmits what the relay dropped: " + figures);
    }

    @Test
    void datagramsAtTwentyPercentLossEachWayKeepTheSession() throws Exception {
        LossyScenarios.Figures figures = scenarios.impaired("short", Impairment.loss(0.2), "datagram", 1, 60, INTERVAL,
                TIMEOUT, RUN_LIMIT);
        assertTrue(figures.lost() > 0 && figures.received() > 0, figures.toString());
    }

    @Test
    void streamAtTwentyPercentLossEachWayKeepsTheSession() throws Exception {
        scenarios.impaired("short", Impairment.loss(0.2), "stream", 1, 40, INTERVAL, Duration.ofSeconds(5), RUN_LIMIT);
    }

    @Test
    void delayJitterAndReorderingLoseNothingInEitherMode() throws Exception {
        Impairment slow = Impairment.delay(Duration.ofMillis(50), Duration.ofMillis(10), 0.25);
        for (String mode : new String[] {"stream", "datagram"}) {
            LossyScenarios.Figures figures = scenarios.impaired("short", slow, mode, 1, 30, INTERVAL, Duration.ofSeconds(5), RUN_LIMIT);
            assertTrue(figures.lost() == 0, mode + ": a slow network loses nothing: " + figures);
        }
    }

    @Test
    void aBlackholeHealsInBothModes() throws Exception {
        for (String mode : new String[] {"stream", "datagram"}) {
            scenarios.blackholeThenHeal(mode, INTERVAL, TIMEOUT, Duration.ofSeconds(1), Duration.ofSeconds(3),
                    Duration.ofSeconds(2), false, RUN_LIMIT);
        }
    }

    @Test
    void aStreamSessionOutlivesACutShorterThanItsTimeout() throws Exception {
        scenarios.blackholeThenHeal("stream", INTERVAL, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2), true, RUN_LIMIT);
    }

    @Test
    void aDatagramSessionWhoseProbeIsAnsweredAfterTheCutStays() throws Exception {
        // 2 s of silence starts a probe on a stream, which has 2 s more: the network is back after 3 s.
        scenarios.blackholeThenHeal("datagram", INTERVAL, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(2), true, RUN_LIMIT);
    }
}
