package dev.pingpong.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.250Z");
    private static final Instant T1 = Instant.parse("2026-03-01T12:05:00Z");

    @Test
    void addsAMissingConditionWithAllFields() {
        List<Condition> conditions = Conditions.set(List.of(), Conditions.READY, false, "Pending", "waiting for pods", 3, T0);
        Condition ready = Conditions.find(conditions, Conditions.READY).orElseThrow();
        assertEquals("False", ready.getStatus());
        assertEquals("Pending", ready.getReason());
        assertEquals("waiting for pods", ready.getMessage());
        assertEquals(3L, ready.getObservedGeneration());
        assertEquals("2026-03-01T12:00:00Z", ready.getLastTransitionTime());
    }

    @Test
    void keepsLastTransitionTimeWhileTheStatusStays() {
        List<Condition> before = Conditions.set(null, Conditions.SERVER_READY, true, "PodsReady", "1/1", 1, T0);
        List<Condition> after = Conditions.set(before, Conditions.SERVER_READY, true, "PodsReady", "2/2", 2, T1);
        Condition condition = Conditions.find(after, Conditions.SERVER_READY).orElseThrow();
        assertEquals("2026-03-01T12:00:00Z", condition.getLastTransitionTime());
        assertEquals("2/2", condition.getMessage());
        assertEquals(2L, condition.getObservedGeneration());
    }

    @Test
    void movesLastTransitionTimeWhenTheStatusChanges() {
        List<Condition> before = Conditions.set(null, Conditions.CLIENT_READY, true, "PodsReady", "", 1, T0);
        List<Condition> after = Conditions.set(before, Conditions.CLIENT_READY, false, "Unready", "pod x not ready", 1, T1);
        Condition condition = Conditions.find(after, Conditions.CLIENT_READY).orElseThrow();
        assertEquals("2026-03-01T12:05:00Z", condition.getLastTransitionTime());
        assertEquals("False", condition.getStatus());
        assertEquals("Unready", condition.getReason());
    }

    @Test
    void leavesOtherConditionsAndTheInputUntouched() {
        List<Condition> first = Conditions.set(null, Conditions.READY, true, "Ready", "", 1, T0);
        List<Condition> both = Conditions.set(first, Conditions.CERTIFICATE_READY, true, "Issued", "", 1, T0);
        List<Condition> changed = Conditions.set(both, Conditions.READY, false, "RecoveryExhausted", "6 restarts", 2, T1);

        assertEquals(List.of(Conditions.READY, Conditions.CERTIFICATE_READY),
                changed.stream().map(Condition::getType).toList(), "order kept, no duplicates");
        assertEquals("True", Conditions.find(both, Conditions.READY).orElseThrow().getStatus(), "input not mutated");
        assertEquals(Conditions.find(both, Conditions.CERTIFICATE_READY), Conditions.find(changed, Conditions.CERTIFICATE_READY));
        assertNotSame(both.get(1), changed.get(1));
        assertEquals(1, first.size());
    }

    @Test
    void findsByType() {
        List<Condition> conditions = Conditions.set(null, Conditions.READY, true, "Ready", "", 1, T0);
        assertEquals("True", Conditions.find(conditions, Conditions.READY).orElseThrow().getStatus());
        assertTrue(Conditions.find(conditions, Conditions.SERVER_READY).isEmpty());
        assertTrue(Conditions.find(null, Conditions.READY).isEmpty());
    }
}
