package dev.pingpong.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.app.CommandLineRunner;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        return CommandLineRunner.run(new Main(), args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpListsTheFlagsAndExitsZero() {
        assertEquals(0, run("--help"));
        for (String flag : new String[] {"--health-port", "--watch-namespaces", "--leader-election", "--lease-namespace",
                "--lease-duration", "--lease-renew-deadline", "--lease-retry-period", "--cluster-domain",
                "--observe-interval"}) {
            assertTrue(out.toString().contains(flag), out.toString());
        }
    }

    @Test
    void anUnknownFlagIsAOneLineUsageError() {
        assertEquals(2, run("--bogus"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("--bogus"), err.toString());
    }

    @Test
    void aBadValueIsAUsageError() {
        assertEquals(2, run("--health-port", "eighty"));
        assertTrue(err.toString().startsWith("pingpong-operator: "), err.toString());
    }

    @Test
    void aBadValueFromTheEnvironmentNamesTheVariable() {
        assertEquals(2, run(Map.of("PINGPONG_HEALTH_PORT", "eighty")));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("(from PINGPONG_HEALTH_PORT)"), err.toString());
    }

    @Test
    void anOutOfRangePortIsAUsageError() {
        assertEquals(2, run("--health-port", "70000"));
        assertTrue(err.toString().startsWith("pingpong-operator: --health-port: 70000 is not a port number"), err.toString());
    }

    @Test
    void leaseTimingsThatCannotWorkAreAUsageError() {
        assertEquals(2, run(Map.of("PINGPONG_LEASE_DURATION", "5s"), "--leader-election", "--lease-renew-deadline", "6s"));
        assertEquals("pingpong-operator: --lease-*: the duration must be longer than the renew deadline (see --help)",
                err.toString().strip());
    }

    @Test
    void aClusterDomainMustBeADomainName() {
        assertEquals(2, run("--cluster-domain", "Cluster_Local"));
        assertTrue(err.toString().startsWith("pingpong-operator: --cluster-domain: Cluster_Local is not a DNS domain"),
                err.toString());
    }

    @Test
    void anObserveIntervalIsZeroOrAtLeastASecond() {
        assertEquals(2, run(Map.of("PINGPONG_OBSERVE_INTERVAL", "500ms")));
        assertEquals("pingpong-operator: --observe-interval: 500ms is neither 0 nor at least 1s (see --help)",
                err.toString().strip());
    }

    @Test
    void aTakenHealthPortIsAOneLineFailure() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(CommandLineRunner.FAILURE, run("--health-port", String.valueOf(taken.getLocalPort())));
        }
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("pingpong-operator: cannot serve --health-port "), err.toString());
    }
}
