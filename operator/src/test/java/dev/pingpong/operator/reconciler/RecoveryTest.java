package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.RestartMarks;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.RecoverySpec;
import dev.pingpong.operator.model.RestartStatus;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recovery on the mock API server: the test plays the kubelet by writing Pods, and moves the clock. */
class RecoveryTest extends OperatorOnMockServer {

    @Test
    void restartsACrashLoopingServerOnceWithAnEvent() {
        Children children = pair("crash", 6);
        cluster.putPod(children, Side.SERVER, "demo-server-1", false, "CrashLoopBackOff", clock.instant());

        await("server restarted", () -> restartedAt(children, Side.SERVER) != null);
        await("restart counted", () -> restarts(children).getServer() == 1);
        RestartStatus restarts = restarts(children);
        assertEquals(0, restarts.getClient());
        assertEquals(1, restarts.getTotal());
        assertEquals("server: CrashLoopBackOff", restarts.getLastRestartReason());
        assertEquals(Conditions.timestamp(clock.instant()), restarts.getLastRestartTime());
        List<Event> events = cluster.events("crash", "Restarted");
        assertEquals(1, events.size());
        assertEquals("Restarted", events.get(0).getReason());
        assertEquals("PingPongPair", events.get(0).getInvolvedObject().getKind());
        assertEquals("demo", events.get(0).getInvolvedObject().getName());

        // The pod still crash-loops right after the restart: the new pods get unhealthyAfter first.
        settle(children, Side.SERVER);
        assertEquals(1, restarts(children).getServer(), "exactly one restart");
        assertEquals(1, cluster.events("crash", "Restarted").size());
    }

    @Test
    void restartsAClientUnreadyPastTheThreshold() {
        Children children = pair("unready", 6);
        cluster.putPod(children, Side.CLIENT, "demo-client-1", false, null, clock.instant());
        settle(children, Side.CLIENT);
        assertNull(restartedAt(children, Side.CLIENT), "not yet: unready for less than unhealthyAfter");

        clock.advance(Duration.ofSeconds(61));
        cluster.nudge(children, Side.CLIENT);
        await("client restarted", () -> restartedAt(children, Side.CLIENT) != null);
        await("restart counted", () -> restarts(children).getClient() == 1);
        assertEquals("client: Unready", restarts(children).getLastRestartReason());
        settle(children, Side.CLIENT);
        assertEquals(1, restarts(children).getClient(), "exactly one restart");
        assertEquals(0, restarts(children).getServer());
    }

    @Test
    void stopsAtTheLimitWithRecoveryExhausted() {
        Children children = pair("limit", 2);
        cluster.putPod(children, Side.SERVER, "demo-server-1", false, "CrashLoopBackOff", clock.instant());
        await("first restart", () -> restarts(children) != null && restarts(children).getServer() == 1);
        clock.advance(Duration.ofSeconds(61));
        cluster.nudge(children, Side.SERVER);
        await("second restart", () -> restarts(children).getServer() == 2);
        String history = cluster.deployment(children, Side.SERVER).getMetadata().getAnnotations()
                .get(RestartMarks.HISTORY);
        assertEquals(2, history.split(",").length, history);

        clock.advance(Duration.ofSeconds(61));
        cluster.nudge(children, Side.SERVER);
        await("Ready=False RecoveryExhausted", () -> cluster.condition("limit", "demo", Conditions.READY)
                .map(c -> "RecoveryExhausted".equals(c.getReason())).orElse(false));
        assertEquals("RecoveryExhausted", cluster.condition("limit", "demo", Conditions.SERVER_READY).orElseThrow()
                .getReason());
        assertEquals(2, restarts(children).getServer(), "no restart past maxRestartsPerHour");
        clock.advance(Duration.ofSeconds(61));
        settle(children, Side.SERVER);
        List<Event> exhausted = cluster.events("limit", "RecoveryExhausted");
        assertEquals(1, exhausted.size(), "one Event when recovery stops, not one per look");
        assertTrue(metrics.registry().scrape().contains(
                "pingpong_pair_recovery_exhausted{namespace=\"limit\",pair=\"demo\"} 1\n"));
        assertTrue(metrics.registry().scrape().contains(
                "pingpong_pair_restarts{namespace=\"limit\",pair=\"demo\",side=\"server\"} 2\n"));
        assertEquals("Warning", exhausted.get(0).getType());
        assertTrue(exhausted.get(0).getMessage().startsWith("stopped restarting Deployment demo-server: "),
                exhausted.get(0).getMessage());
    }

    @Test
    void theRestartCounterNeverGoesDown() {
        Children children = pair("monotonic", 6);
        cluster.putPod(children, Side.SERVER, "demo-server-1", false, "CrashLoopBackOff", clock.instant());
        await("first restart counted", () -> restarts(children).getServer() == 1);
        assertEquals("1", cluster.deployment(children, Side.SERVER).getMetadata().getAnnotations()
                .get(RestartMarks.COUNT), "counted on the Deployment, in the restart's own write");

        // What a status patch computed from a stale cache does: the counter written back to an older value.
        lowerRestarts(children);
        await("the counter put back", () -> {
            cluster.nudge(children, Side.SERVER); // until the operator's cache has seen the lowered status
            return restarts(children).getServer() == 1 && restarts(children).getTotal() == 1;
        });

        clock.advance(Duration.ofSeconds(61));
        lowerRestarts(children);
        await("second restart counted on from the true count", () -> {
            cluster.nudge(children, Side.SERVER);
            return restarts(children).getServer() == 2;
        });
        settle(children, Side.SERVER);
        assertEquals(2, restarts(children).getServer());
        assertEquals(2, restarts(children).getTotal());
        assertEquals("2", cluster.deployment(children, Side.SERVER).getMetadata().getAnnotations()
                .get(RestartMarks.COUNT));
    }

    @Test
    void neverRestartsForImagePullBackOff() {
        Children children = pair("pull", 6);
        cluster.putPod(children, Side.SERVER, "demo-server-1", false, "ImagePullBackOff", clock.instant());
        await("ServerReady=False ImagePullBackOff", () -> cluster.condition("pull", "demo", Conditions.SERVER_READY)
                .map(c -> "ImagePullBackOff".equals(c.getReason())).orElse(false));
        clock.advance(Duration.ofMinutes(5));
        settle(children, Side.SERVER);
        assertNull(restartedAt(children, Side.SERVER));
        assertEquals(0, restarts(children).getTotal());
        String message = cluster.condition("pull", "demo", Conditions.SERVER_READY).orElseThrow().getMessage();
        assertTrue(message.contains("demo-server-1"), message);
    }

    /** A pair with recovery after 60s and the given limit, its Deployments created. */
    private static Children pair(String namespace, int maxRestartsPerHour) {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setRecovery(new RecoverySpec());
        spec.getRecovery().setUnhealthyAfter("60s");
        spec.getRecovery().setMaxRestartsPerHour(maxRestartsPerHour);
        Children children = Children.of(cluster.createPair(namespace, "demo", spec));
        await("Deployments", () -> cluster.deployment(children, Side.CLIENT) != null
                && cluster.deployment(children, Side.SERVER) != null);
        await("first status", () -> restarts(children) != null);
        return children;
    }

    /** Writes status.restarts back to zero, as a patch computed from a stale pair would, without a resourceVersion. */
    private static void lowerRestarts(Children children) {
        cluster.client().resources(PingPongPair.class).inNamespace(children.namespace()).withName(children.pair())
                .subresource("status").patch(PatchContext.of(PatchType.JSON), """
                        [{"op": "replace", "path": "/status/restarts/server", "value": 0},
                         {"op": "replace", "path": "/status/restarts/total", "value": 0}]""");
        assertEquals(0, restarts(children).getServer());
    }

    private static String restartedAt(Children children, Side side) {
        Deployment deployment = cluster.deployment(children, side);
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(RestartMarks.RESTARTED_AT);
    }

    private static RestartStatus restarts(Children children) {
        PingPongPair pair = cluster.pair(children.namespace(), children.pair());
        return pair.getStatus() == null ? null : pair.getStatus().getRestarts();
    }
}
