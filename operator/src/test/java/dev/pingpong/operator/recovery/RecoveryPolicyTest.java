package dev.pingpong.operator.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.recovery.RecoveryDecision.Disabled;
import dev.pingpong.operator.recovery.RecoveryDecision.Exhausted;
import dev.pingpong.operator.recovery.RecoveryDecision.Healthy;
import dev.pingpong.operator.recovery.RecoveryDecision.NotRestartable;
import dev.pingpong.operator.recovery.RecoveryDecision.Restart;
import dev.pingpong.operator.recovery.RecoveryDecision.WaitAndSee;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration UNHEALTHY_AFTER = Duration.ofSeconds(60);
    private final RecoveryPolicy policy = new RecoveryPolicy(true, UNHEALTHY_AFTER, 3);

    @Test
    void disabledDecidesNothing() {
        RecoveryPolicy off = new RecoveryPolicy(false, UNHEALTHY_AFTER, 3);
        assertInstanceOf(Disabled.class, off.decide(List.of(crashing("p")), List.of(), NOW));
    }

    @Test
    void noPodsYetMeansWait() {
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class, policy.decide(List.of(), List.of(), NOW));
        assertEquals(UNHEALTHY_AFTER, wait.recheckAfter());
        assertEquals("no pods yet", wait.why());
    }

    @Test
    void onlyTerminatingPodsMeansWait() {
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class,
                policy.decide(List.of(deleting(unready("old", NOW.minusSeconds(600)))), List.of(), NOW));
        assertEquals("all pods are terminating", wait.why());
    }

    @Test
    void allReadyIsHealthyEvenWithOldPodsTerminating() {
        assertInstanceOf(Healthy.class, policy.decide(List.of(ready("a"), ready("b")), List.of(), NOW));
        assertInstanceOf(Healthy.class, policy.decide(
                List.of(ready("new"), deleting(crashing("old"))), List.of(NOW.minusSeconds(5)), NOW));
    }

    @Test
    void unreadyForLessThanUnhealthyAfterWaitsUntilItIsThatOld() {
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class,
                policy.decide(List.of(ready("a"), unready("b", NOW.minusSeconds(45))), List.of(), NOW));
        assertEquals(Duration.ofSeconds(15), wait.recheckAfter());
        assertTrue(wait.why().contains("b"), wait.why());
    }

    @Test
    void theLongestUnreadyPodSetsTheRecheck() {
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class, policy.decide(
                List.of(unready("young", NOW.minusSeconds(5)), unready("older", NOW.minusSeconds(50))), List.of(), NOW));
        assertEquals(Duration.ofSeconds(10), wait.recheckAfter());
    }

    @Test
    void unknownUnreadySinceCountsFromNow() {
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class, policy.decide(List.of(unready("p", null)), List.of(), NOW));
        assertEquals(UNHEALTHY_AFTER, wait.recheckAfter());
    }

    @Test
    void unreadyForUnhealthyAfterRestarts() {
        assertEquals(new Restart("Unready"),
                policy.decide(List.of(unready("p", NOW.minus(UNHEALTHY_AFTER))), List.of(), NOW));
        assertEquals(new Restart("Unready"),
                policy.decide(List.of(ready("a"), unready("p", NOW.minusSeconds(3600))), List.of(), NOW));
    }

    @Test
    void crashLoopBackOffRestartsAtOnce() {
        assertEquals(new Restart("CrashLoopBackOff"), policy.decide(List.of(crashing("p")), List.of(), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError"})
    void causesARestartCannotFixAreReported(String reason) {
        NotRestartable decision = assertInstanceOf(NotRestartable.class, policy.decide(
                List.of(ready("a"), new PodObservation("bad", false, NOW.minusSeconds(3600), reason, false)),
                List.of(), NOW));
        assertEquals(reason, decision.reason());
        assertTrue(decision.message().startsWith("pod bad: "), decision.message());
        assertTrue(decision.message().length() > "pod bad: ".length() + 20, "says what to fix: " + decision.message());
    }

    @Test
    void imagePullMessageSaysWhatToCheck() {
        NotRestartable decision = assertInstanceOf(NotRestartable.class, policy.decide(
                List.of(new PodObservation("p", false, NOW, "ImagePullBackOff", false)), List.of(), NOW));
        assertTrue(decision.message().contains("image"), decision.message());
    }

    @Test
    void aTerminatingPodHoldsARestartBack() {
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class,
                policy.decide(List.of(crashing("new"), deleting(ready("old"))), List.of(), NOW));
        assertTrue(wait.why().contains("old"), wait.why());
    }

    @Test
    void aRecentRestartHoldsTheNextOneBackUntilItsPodsHadUnhealthyAfter() {
        List<Instant> restarts = List.of(NOW.minusSeconds(20));
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class,
                policy.decide(List.of(crashing("p")), restarts, NOW));
        assertEquals(Duration.ofSeconds(40), wait.recheckAfter());
        assertEquals(new Restart("CrashLoopBackOff"),
                policy.decide(List.of(crashing("p")), restarts, NOW.plusSeconds(40)));
    }

    @Test
    void maxRestartsInTheLastHourExhausts() {
        List<Instant> restarts = List.of(NOW.minusSeconds(3000), NOW.minusSeconds(2000), NOW.minusSeconds(1000));
        Exhausted exhausted = assertInstanceOf(Exhausted.class, policy.decide(List.of(crashing("p")), restarts, NOW));
        assertTrue(exhausted.message().contains("maxRestartsPerHour=3"), exhausted.message());
        assertTrue(exhausted.message().contains("2026-03-01T12:10:00Z"), "the oldest restart leaves the window: " + exhausted.message());
    }

    @Test
    void restartsOlderThanAnHourNoLongerCount() {
        List<Instant> restarts = List.of(NOW.minusSeconds(7200), NOW.minusSeconds(3601), NOW.minusSeconds(3600),
                NOW.minusSeconds(1000));
        assertEquals(new Restart("Unready"),
                policy.decide(List.of(unready("p", NOW.minusSeconds(900))), restarts, NOW));
    }

    @Test
    void zeroRestartsPerHourNeverRestarts() {
        RecoveryPolicy never = new RecoveryPolicy(true, UNHEALTHY_AFTER, 0);
        Exhausted exhausted = assertInstanceOf(Exhausted.class, never.decide(List.of(crashing("p")), List.of(), NOW));
        assertTrue(exhausted.message().contains("never"), exhausted.message());
    }

    @Test
    void refusesAMeaninglessPolicy() {
        assertThrows(IllegalArgumentException.class, () -> new RecoveryPolicy(true, Duration.ZERO, 3));
        assertThrows(IllegalArgumentException.class, () -> new RecoveryPolicy(true, UNHEALTHY_AFTER, -1));
    }

    @Test
    void readyPodsThatGetNoPongsAreRestartedOnceSilentForUnhealthyAfter() {
        Restart restart = assertInstanceOf(Restart.class,
                policy.decide(List.of(ready("c")), List.of(), NOW, NOW.minusSeconds(60)));
        assertEquals(RecoveryPolicy.NO_PONGS, restart.reason());
    }

    @Test
    void silenceShorterThanUnhealthyAfterWaitsForTheRest() {
        WaitAndSee wait = assertInstanceOf(WaitAndSee.class,
                policy.decide(List.of(ready("c")), List.of(), NOW, NOW.minusSeconds(45)));
        assertEquals(Duration.ofSeconds(15), wait.recheckAfter());
        assertTrue(wait.why().startsWith("no pong since "), wait.why());
    }

    @Test
    void silenceRestartsCountAgainstTheLimit() {
        List<Instant> three = List.of(NOW.minusSeconds(3000), NOW.minusSeconds(2000), NOW.minusSeconds(1000));
        Exhausted exhausted = assertInstanceOf(Exhausted.class,
                policy.decide(List.of(ready("c")), three, NOW, NOW.minusSeconds(600)));
        assertTrue(exhausted.message().startsWith("no pong since "), exhausted.message());
    }

    @Test
    void withoutSilenceReadyPodsAreHealthy() {
        assertInstanceOf(Healthy.class, policy.decide(List.of(ready("c")), List.of(), NOW, null));
    }

    private static PodObservation ready(String name) {
        return new PodObservation(name, true, null, null, false);
    }

    private static PodObservation unready(String name, Instant since) {
        return new PodObservation(name, false, since, null, false);
    }

    private static PodObservation crashing(String name) {
        return new PodObservation(name, false, NOW.minusSeconds(5), "CrashLoopBackOff", false);
    }

    private static PodObservation deleting(PodObservation pod) {
        return new PodObservation(pod.name(), pod.ready(), pod.notReadySince(), pod.waitingReason(), true);
    }
}
