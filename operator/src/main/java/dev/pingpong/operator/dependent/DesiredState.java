package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the dependents need to compute their desired state, decided once per reconcile by the reconciler
 * (defaults, certificates, restarts) so that every desired() is a plain function of it. {@code issued} is empty
 * when cert-manager issues the certificates; {@code certManagerServed} says whether the API server serves
 * cert-manager's Certificates at all.
 */
public record DesiredState(EffectiveSpec spec, Children children, Optional<CertificateSet> issued,
                           List<String> serverDnsNames, boolean certManagerServed,
                           Map<Side, RestartMarks> restarts) {

    private static final String KEY = DesiredState.class.getName();

    public void putInto(Context<PingPongPair> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    public static DesiredState of(Context<PingPongPair> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, DesiredState.class);
    }

    /** The certificates the operator issued: asked for only by the dependents of its own Secrets, when it issues. */
    public CertificateSet certificates() {
        return issued.orElseThrow(() -> new IllegalStateException("operator-issued certificates wanted while "
                + spec.tlsIssuer().specValue() + " issues them"));
    }

    public RestartMarks restarts(Side side) {
        return restarts.get(side);
    }
}
