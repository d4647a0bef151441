package dev.pingpong.client.it;

import dev.pingpong.client.it.lossy.Impairment;
import dev.pingpong.client.it.lossy.LossyRelay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client through a {@link LossyRelay} in front of a real server, scenario by scenario; the short tests and
 * the soak run the same scenarios at different sizes. Each checks the accounting rule on the {@code --json}
 * records and prints its figures on one line ({@code LOSSY ...}).
 */
final class LossyScenarios implements AutoCloseable {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    /** Every run's relay drops the same packets, given the same arrival order. */
    private static final long SEED = 20261207;

    private final RunningServer server;

    private LossyScenarios(RunningServer server) {
        this.server = server;
    }

    /** Starts the real server the scenarios of {@code testClass} share; its log is named after the class. */
    static LossyScenarios start(Class<?> testClass) throws Exception {
        RunningServer server = RunningServer.start(Path.of("target-logs", testClass.getSimpleName() + "-server.log")
                .toAbsolutePath());
        // A cold server JVM takes seconds over its first handshakes here: warmed first, it does not bias the first scenario.
        ClientRunner.run(Duration.ofSeconds(120), "-c", "20", "-i", "0", "--cert-hash", server.sha256(), server.url());
        return new LossyScenarios(server);
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }

    /** What a scenario measured. */
    record Figures(long sent, long received, long lost, long reconnects, Duration took, double relayDropRate) {

        double measuredLossRate() {
            return sent == 0 ? 0 : (double) lost / sent;
        }
    }

    /**
     * {@code count} pings at {@code interval} through a relay that impairs both directions alike; the connection
     * survives such a network, so no reconnect is allowed.
     */
    Figures impaired(String name, Impairment both, String mode, int sessions, int count, Duration interval,
                     Duration timeout, Duration runLimit) throws Exception {
        try (LossyRelay relay = relay()) {
            relay.impairBoth(both);
            long started = System.nanoTime();
            ClientRunner client = ClientRunner.start(args(relay, mode, sessions, count, interval, timeout));
            int status = awaitOrReport(name + " (" + mode + ", " + both + ")", client, runLimit);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Map<String, String> summary = Settlement.assertEverySeqSettledOnce(client.lines(), sessions, count);
            Figures figures = figures(summary, took, relay);
            print(name + " (" + mode + ", " + both + ", " + sessions + "x" + count + " pings at " + interval.toMillis() + " ms)",
                    figures, "");
            // A first connect attempt may fail on such a network (its reconnect record is fine): once open, no session is lost.
            assertEquals(0, figures.reconnects(), "the connection survives " + both + ": no reconnect; " + client.err());
            assertTrue(JsonLines.ofType(client.lines(), "lost").stream().noneMatch(l -> l.get("reason").equals("disconnected")),
                    "no ping lost with a session");
            assertEquals(figures.lost() == 0 ? 0 : 1, status, client.err());
            return figures;
        }
    }

    /**
     * Pings at {@code interval}; after {@code before}, every packet is dropped both ways for {@code blackhole},
     * then the network heals. With {@code sessionSurvives}, the cut is too short for the client to call the session
     * dead, so no reconnect is allowed. Returns the time from the heal to the first pong after it.
     */
    Duration blackholeThenHeal(String mode, Duration interval, Duration timeout, Duration before, Duration blackhole,
                               Duration after, boolean sessionSurvives, Duration runLimit) throws Exception {
        int count = (int) (before.plus(blackhole).plus(after).toMillis() / interval.toMillis());
        try (LossyRelay relay = relay()) {
            long started = System.nanoTime();
            ClientRunner client = ClientRunner.start(args(relay, mode, 1, count, interval, timeout));
            client.awaitCount(LossyScenarios::isPong, 1, runLimit);
            Thread.sleep(before.toMillis());
            relay.blackholeBoth(true);
            Thread.sleep(blackhole.toMillis());
            long pongsBefore = pongs(client);
            relay.blackholeBoth(false);
            long healed = System.nanoTime();
            client.awaitCount(LossyScenarios::isPong, (int) pongsBefore + 1, runLimit);
            Duration recovery = Duration.ofNanos(System.nanoTime() - healed);
            int status = awaitOrReport("blackhole (" + mode + ")", client, runLimit);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Map<String, String> summary = Settlement.assertEverySeqSettledOnce(client.lines(), count);
            print("blackhole (" + mode + ", " + blackhole.toSeconds() + " s, " + count + " pings at " + interval.toMillis() + " ms)",
                    figures(summary, took, relay), String.format(Locale.ROOT, " first_pong_after_heal_ms=%d", recovery.toMillis()));
            assertEquals(JsonLines.number(summary, "lost") > 0 ? 1 : 0, status, client.err());
            if (sessionSurvives) {
                assertEquals(0, JsonLines.number(summary, "reconnects"), "a cut shorter than the dead-session rule: " + summary);
            }
            long lastSeq = JsonLines.ofType(client.lines(), "pong").stream().mapToLong(p -> JsonLines.number(p, "seq")).max().orElse(0);
            assertEquals(count, lastSeq, "pinging went on after the heal up to the last seq");
            return recovery;
        }
    }

    /** Waits for the client's end; a run that does not end in time still reports how far it got. */
    private static int awaitOrReport(String scenario, ClientRunner client, Duration runLimit) throws Exception {
        try {
            return client.await(runLimit);
        } catch (TimeoutException e) {
            List<String> lines = client.lines();
            System.out.printf(Locale.ROOT, "LOSSY %s: NOT DONE within %d s: pongs=%d lost=%d reconnect_records=%d%n", scenario,
                    runLimit.toSeconds(), JsonLines.ofType(lines, "pong").size(), JsonLines.ofType(lines, "lost").size(),
                    JsonLines.ofType(lines, "reconnect").size());
            throw new AssertionError(scenario + " did not end within " + runLimit, e);
        }
    }

    private LossyRelay relay() throws IOException {
        return LossyRelay.start(new InetSocketAddress("127.0.0.1", server.port()), SEED, LIFETIME);
    }

    private String[] args(LossyRelay relay, String mode, int sessions, int count, Duration interval, Duration timeout) {
        List<String> args = new ArrayList<>(List.of("--json", "--mode", mode, "--sessions", String.valueOf(sessions),
                "-c", String.valueOf(count), "-i", interval.toMillis() + "ms", "--timeout", timeout.toMillis() + "ms",
                "--cert-hash", server.sha256()));
        args.add("https://127.0.0.1:" + relay.address().getPort() + "/pingpong");
        return args.toArray(String[]::new);
    }

    private static Figures figures(Map<String, String> summary, Duration took, LossyRelay relay) {
        LossyRelay.Counts toServer = relay.counts(LossyRelay.Direction.TO_SERVER);
        LossyRelay.Counts toClient = relay.counts(LossyRelay.Direction.TO_CLIENT);
        // A ping is answered when both its packets pass: the round trip survives with (1-a)(1-b).
        double dropRate = 1 - (1 - toServer.dropRate()) * (1 - toClient.dropRate());
        return new Figures(JsonLines.number(summary, "sent"), JsonLines.number(summary, "received"),
                JsonLines.number(summary, "lost"), JsonLines.number(summary, "reconnects"), took, dropRate);
    }

    private static void print(String scenario, Figures f, String extra) {
        System.out.printf(Locale.ROOT, "LOSSY %s: sent=%d received=%d lost=%d measured_loss=%.1f%% relay_round_trip_drop=%.1f%%"
                        + " reconnects=%d took_ms=%d%s%n", scenario, f.sent(), f.received(), f.lost(), 100 * f.measuredLossRate(),
                100 * f.relayDropRate(), f.reconnects(), f.took().toMillis(), extra);
    }

    private static boolean isPong(String line) {
        return line.startsWith("{\"type\":\"pong\"");
    }

    private static long pongs(ClientRunner client) {
        return client.lines().stream().filter(LossyScenarios::isPong).count();
    }
}
