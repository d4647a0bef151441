package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.RestartMarks;
import dev.pingpong.operator.model.ObservedPings;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.RecoverySpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.observe.PingsObservation;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.ClientPodStandIn;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.Operator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator reads client pods' /metrics (a {@link ClientPodStandIn} on 127.0.0.1 per pair) every second, on the
 * test API server, with the clock the test moves.
 */
class PingsObservedTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static MockCluster cluster;
    private static MutableClock clock;
    private static Operator operator;

    @BeforeAll
    static void startOperator() throws Exception {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        cluster = MockCluster.start(PingsObservedTest.class);
        operator = cluster.startOperator(clock, new OperatorMetrics(),
                OperatorRuntime.Settings.defaults().withObserveInterval(INTERVAL));
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
        cluster.close();
    }

    @Test
    void theClientPodsFiguresLandInTheStatusWithPingsFlowing() throws Exception {
        try (ClientPodStandIn pod = ClientPodStandIn.start(2)) {
            Children children = readyPair("flowing", Map.of(), pod);
            await("PingsFlowing=True", () -> "True".equals(pingsFlowing(children).map(Condition::getStatus).orElse(null)));
            assertEquals(PingsObservation.PONGS_ARRIVING, pingsFlowing(children).orElseThrow().getReason());
            ObservedPings observed = observed(children);
            assertEquals("0.41ms", observed.getRttP50());
            assertEquals("1.9ms", observed.getRttP99());
            assertEquals("0%", observed.getLoss());
            assertEquals(1, observed.getPods());
            assertEquals((long) ClientPodStandIn.PINGS_PER_READ, observed.getPongs());
            assertEquals(Conditions.timestamp(clock.instant()), observed.getLastPongTime());
            assertNotNull(observed.getScrapedTime());
        }
    }

    @Test
    void pongsThatStopTurnPingsFlowingFalseAndRestartTheClientThenTheServer() throws Exception {
        try (ClientPodStandIn pod = ClientPodStandIn.start(2)) {
            Children children = readyPair("silent", Map.of(), pod);
            cluster.putPod(children, Side.SERVER, "demo-server-1", true, null, clock.instant());
            await("PingsFlowing=True", () -> "True".equals(pingsFlowing(children).map(Condition::getStatus).orElse(null)));

            pod.pongsFlow(false);
            clock.advance(Duration.ofSeconds(61));
            await("PingsFlowing=False NoPongs", () -> PingsObservation.NO_PONGS.equals(
                    pingsFlowing(children).map(Condition::getReason).orElse(null)));
            assertEquals("False", pingsFlowing(children).orElseThrow().getStatus());
            await("client restarted", () -> restartedAt(children, Side.CLIENT) != null);
            await("restart counted", () -> restarts(children, Side.CLIENT) == 1);
            assertEquals("client: NoPongs", cluster.pair("silent", "demo").getStatus().getRestarts()
                    .getLastRestartReason());
            assertNull(restartedAt(children, Side.SERVER), "the client first");
            assertTrue(cluster.client().v1().events().inNamespace("silent").list().getItems().stream()
                    .anyMatch(event -> "Restarted".equals(event.getReason())));

            // The client's restart did not bring the pongs back within unhealthyAfter: the server's turn.
            clock.advance(Duration.ofSeconds(61));
            cluster.nudge(children, Side.CLIENT);
            await("server restarted", () -> restartedAt(children, Side.SERVER) != null);
            await("server restart counted", () -> restarts(children, Side.SERVER) == 1);
            assertEquals("server: NoPongs", cluster.pair("silent", "demo").getStatus().getRestarts()
                    .getLastRestartReason());
            assertEquals(1, restarts(children, Side.CLIENT));

            pod.pongsFlow(true);
            await("PingsFlowing=True again", () -> "True".equals(pingsFlowing(children).map(Condition::getStatus)
                    .orElse(null)));
        }
    }

    @Test
    void aPausedPairIsNotReadUntilResumed() throws Exception {
        try (ClientPodStandIn paused = ClientPodStandIn.start(2); ClientPodStandIn other = ClientPodStandIn.start(2)) {
            Children pausedPair = readyPair("paused", Map.of(PairAnnotations.PAUSED, "true"), paused);
            readyPair("running", Map.of(), other);
            await("three reads of the other pair", () -> other.requests() >= 3);
            assertEquals(0, paused.requests(), "a paused pair's pods are not read");

            cluster.annotate("paused", "demo", PairAnnotations.PAUSED, null);
            await("read once resumed", () -> paused.requests() > 0);
            await("PingsFlowing=True", () -> "True".equals(pingsFlowing(pausedPair).map(Condition::getStatus)
                    .orElse(null)));
        }
    }

    @Test
    void aPodThatAnswersTooLateMakesItUnknownAndTheReconcilerGoesOn() throws Exception {
        try (ClientPodStandIn pod = ClientPodStandIn.start(4)) {
            pod.delay(Duration.ofSeconds(4));
            Children children = readyPair("slow", Map.of(), pod);
            await("PingsFlowing=Unknown ScrapeFailed", () -> PingsObservation.SCRAPE_FAILED.equals(
                    pingsFlowing(children).map(Condition::getReason).orElse(null)));
            Condition condition = pingsFlowing(children).orElseThrow();
            assertEquals("Unknown", condition.getStatus());
            assertTrue(condition.getMessage().contains("pod demo-client-1: no answer within 1s"),
                    condition.getMessage());

            cluster.putPod(children, Side.SERVER, "demo-server-1", true, null, clock.instant());
            cluster.reportReady(children, Side.SERVER, 0);
            await("the reconciler still reconciles", () -> "ReplicasNotReady".equals(cluster
                    .condition("slow", "demo", Conditions.SERVER_READY).map(Condition::getReason).orElse(null)));
        }
    }

    @Test
    void kubectlGetShowsWhatWasObserved(@TempDir Path dir) throws Exception {
        Path kubectl = Stream.of(System.getenv("PATH").split(":")).map(bin -> Path.of(bin, "kubectl"))
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (kubectl == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("kubectl is not installed, and CI=true: .ci/run installs it");
        }
        assumeTrue(kubectl != null, "kubectl is not installed (apt-get install kubectl): skipped");
        try (ClientPodStandIn pod = ClientPodStandIn.start(2)) {
            Children children = readyPair("table", Map.of(), pod);
            await("PingsFlowing=True", () -> "True".equals(pingsFlowing(children).map(Condition::getStatus).orElse(null)));
            Path config = Files.writeString(dir.resolve("config"), """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: test, cluster: {server: "%s"}}]
                    users: [{name: admin, user: {token: admin}}]
                    contexts: [{name: test, context: {cluster: test, user: admin}}]
                    current-context: test
                    """.formatted(cluster.client().getMasterUrl()));
            Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig", config.toString(),
                    "--cache-dir", dir.resolve("cache").toString(), "get", "ppp", "-n", "table")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), output);
            System.out.println("kubectl get ppp -n table\n" + output);
            List<String> lines = output.lines().toList();
            assertEquals(List.of("NAME", "READY", "ENDPOINT", "CERT-EXPIRY", "RESTARTS", "RTT", "LOSS", "AGE"),
                    List.of(lines.get(0).split("\\s+")));
            List<String> row = List.of(lines.get(1).split("\\s+"));
            String notAfter = cluster.pair("table", "demo").getStatus().getCertificate().getNotAfter();
            assertEquals(List.of("demo", "True", "https://demo-server.table.svc:4433/pingpong", notAfter, "0", "0.41ms",
                    "0%"), row.subList(0, 7), lines.get(1));
        }
    }

    /**
     * A pair with both Deployments ready and one client pod whose /metrics is {@code pod}'s; {@code annotations} are
     * put on the pair once its Deployments exist (a pair paused from the start would get none).
     */
    private static Children readyPair(String namespace, Map<String, String> annotations, ClientPodStandIn pod) {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setRecovery(new RecoverySpec());
        spec.getRecovery().setUnhealthyAfter("60s");
        Children children = Children.of(cluster.createPair(namespace, "demo", spec));
        await("Deployments", () -> cluster.deployment(children, Side.CLIENT) != null
                && cluster.deployment(children, Side.SERVER) != null);
        annotations.forEach((key, value) -> cluster.annotate(namespace, "demo", key, value));
        if (annotations.containsKey(PairAnnotations.PAUSED)) {
            await("Paused=True", () -> MockCluster.isTrue(cluster.condition(namespace, "demo", Conditions.PAUSED)));
        }
        cluster.reportReady(children, Side.SERVER, 1);
        cluster.reportReady(children, Side.CLIENT, 1);
        cluster.putClientPod(children, "demo-client-1", pod.port(), clock.instant());
        return children;
    }

    private static Optional<Condition> pingsFlowing(Children children) {
        return cluster.condition(children.namespace(), children.pair(), Conditions.PINGS_FLOWING);
    }

    private static ObservedPings observed(Children children) {
        return cluster.pair(children.namespace(), children.pair()).getStatus().getObserved();
    }

    private static String restartedAt(Children children, Side side) {
        Map<String, String> annotations = cluster.deployment(children, side).getSpec().getTemplate().getMetadata()
                .getAnnotations();
        return annotations == null ? null : annotations.get(RestartMarks.RESTARTED_AT);
    }

    private static int restarts(Children children, Side side) {
        PingPongPair pair = cluster.pair(children.namespace(), children.pair());
        if (pair.getStatus() == null || pair.getStatus().getRestarts() == null) {
            return 0;
        }
        return side == Side.CLIENT ? pair.getStatus().getRestarts().getClient() : pair.getStatus().getRestarts().getServer();
    }
}
