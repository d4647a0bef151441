package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.recovery.RecoveryDecision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/** The ServerReady / ClientReady condition of one side, from its Deployment and the recovery decision. */
record SideReadiness(boolean ready, String reason, String message) {

    static final String RECOVERY_EXHAUSTED = RecoveryDecision.Exhausted.REASON;
    static final String SCALED_TO_ZERO = "ScaledToZero";
    static final String PAUSED = "Paused";

    /**
     * A side as its Deployment shows it while the pair is paused: nothing is decided or restarted, and the replicas
     * wanted are the Deployment's own (a spec changed since the pause is not applied).
     */
    static SideReadiness observed(Side side, String deploymentName, Optional<Deployment> deployment) {
        if (deployment.isEmpty()) {
            return new SideReadiness(false, PAUSED, "Deployment " + deploymentName
                    + " does not exist and is not created while the pair is paused");
        }
        int wanted = Optional.ofNullable(deployment.get().getSpec().getReplicas()).orElse(1);
        return of(side, deploymentName, wanted, deployment, new RecoveryDecision.Disabled());
    }

    static SideReadiness of(Side side, String deploymentName, int wanted, Optional<Deployment> deployment,
                            RecoveryDecision decision) {
        if (decision instanceof RecoveryDecision.NotRestartable notRestartable) {
            return new SideReadiness(false, notRestartable.reason(), notRestartable.message()
                    + "; a restart cannot fix this: correct the image or the configuration of " + deploymentName);
        }
        if (decision instanceof RecoveryDecision.Exhausted exhausted) {
            return new SideReadiness(false, RECOVERY_EXHAUSTED, exhausted.message()
                    + "; the operator stopped restarting " + deploymentName + ": inspect its pods' logs and events");
        }
        if (decision instanceof RecoveryDecision.Restart restart) {
            return new SideReadiness(false, "Restarting", "restarted " + deploymentName + " because of "
                    + restart.reason());
        }
        if (deployment.isEmpty()) {
            return new SideReadiness(false, "Deploying", "Deployment " + deploymentName + " is being created");
        }
        if (wanted == 0) {
            return new SideReadiness(true, SCALED_TO_ZERO, side.component() + " replicas set to 0");
        }
        int ready = Optional.ofNullable(deployment.get().getStatus()).map(s -> s.getReadyReplicas()).orElse(0);
        String counts = ready + "/" + wanted + " " + side.component() + " pods ready";
        if (ready >= wanted) {
            return new SideReadiness(true, "ReplicasReady", counts);
        }
        String why = decision instanceof RecoveryDecision.WaitAndSee wait ? "; " + wait.why() : "";
        return new SideReadiness(false, "ReplicasNotReady", counts + " in Deployment " + deploymentName + why);
    }
}
