package dev.pingpong.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.RestartMarks;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restart count of one side: from the Deployment's record and the pair's status, whichever is larger. */
class SideRecoveryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final EffectiveSpec SPEC = EffectiveSpec.resolve(null, new Images("server:1", "client:1"),
            "cluster.local");

    @Test
    void aRestartCountsOnFromTheDeploymentWhenTheStatusIsBehind() {
        SideRecovery.Assessment assessment = assess(List.of(crashLooping()), Map.of(RestartMarks.COUNT, "3"), 1);

        assertTrue(assessment.restarted());
        assertEquals(4, assessment.restarts());
        assertEquals("4", assessment.marks().count(), "written with the restart");
    }

    @Test
    void aRestartCountsOnFromTheStatusWhenTheDeploymentLostItsRecord() {
        SideRecovery.Assessment assessment = assess(List.of(crashLooping()), Map.of(), 5);

        assertEquals(6, assessment.restarts());
        assertEquals("6", assessment.marks().count());
    }

    @Test
    void withoutARestartTheLargerCountStandsAndTheDeploymentIsLeftAsItIs() {
        SideRecovery.Assessment behind = assess(List.of(), Map.of(RestartMarks.COUNT, "3"), 1);
        SideRecovery.Assessment ahead = assess(List.of(), Map.of(), 2);
        SideRecovery.Assessment unreadable = assess(List.of(), Map.of(RestartMarks.COUNT, "many"), 2);

        assertFalse(behind.restarted());
        assertEquals(3, behind.restarts());
        assertEquals("3", behind.marks().count());
        assertEquals(2, ahead.restarts());
        assertEquals(null, ahead.marks().count(), "no write to add a record the Deployment never had");
        assertEquals(2, unreadable.restarts());
        assertEquals("many", unreadable.marks().count(), "left as found");
    }

    private static SideRecovery.Assessment assess(List<Pod> pods, Map<String, String> annotations, int counted) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName("demo-server").withAnnotations(annotations).endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().endMetadata().endTemplate().endSpec()
                .build();
        return SideRecovery.assess(Side.SERVER, SPEC, pods, Optional.of(deployment), Optional.empty(),
                Optional.empty(), counted, NOW);
    }

    private static Pod crashLooping() {
        return new PodBuilder()
                .withNewMetadata().withName("demo-server-1").addToLabels(Children.COMPONENT_LABEL, "server")
                .endMetadata()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("False")
                .withLastTransitionTime(Conditions.timestamp(NOW)).endCondition()
                .addNewContainerStatus().withName("server").withReady(false)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }
}
