package dev.pingpong.operator.recovery;

import java.time.Duration;

/** What to do about one side of a pair, decided by {@link RecoveryPolicy}. */
public sealed interface RecoveryDecision {

    /** Every live pod is ready. */
    record Healthy() implements RecoveryDecision {
    }

    /** Not healthy, but not (yet) a reason to restart: look again after {@code recheckAfter}. */
    record WaitAndSee(Duration recheckAfter, String why) implements RecoveryDecision {
    }

    /** Restart the side; reason is "CrashLoopBackOff" or "Unready". */
    record Restart(String reason) implements RecoveryDecision {
    }

    /** A restart is called for but maxRestartsPerHour is reached. */
    record Exhausted(String message) implements RecoveryDecision {
        /** The reason the side's condition, Ready and the Event give. */
        public static final String REASON = "RecoveryExhausted";
    }

    /** A cause a restart cannot fix (reason as Kubernetes reports it) and what the user should do. */
    record NotRestartable(String reason, String message) implements RecoveryDecision {
    }

    /** spec.recovery.enabled is false. */
    record Disabled() implements RecoveryDecision {
    }
}
