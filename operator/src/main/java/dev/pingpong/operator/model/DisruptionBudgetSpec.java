package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * The server's PodDisruptionBudget NAME-server: at most one of minAvailable and maxUnavailable, each a count or a
 * percentage; neither means maxUnavailable 1, which never blocks draining a node that runs the only replica.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minAvailable) || !has(self.maxUnavailable)",
        message = "server.podDisruptionBudget: set minAvailable or maxUnavailable, not both")
@ValidationRule(value = DisruptionBudgetSpec.MIN_AVAILABLE_RULE,
        message = "server.podDisruptionBudget.minAvailable must be a count >= 0 or a percentage 0%..100%")
@ValidationRule(value = DisruptionBudgetSpec.MAX_UNAVAILABLE_RULE,
        message = "server.podDisruptionBudget.maxUnavailable must be a count >= 0 or a percentage 0%..100%")
public class DisruptionBudgetSpec {

    /** What a percentage must look like, in the CEL rules and in the operator's check. */
    public static final String PERCENT_PATTERN = "^([0-9]|[1-9][0-9]|100)%$";
    static final String MIN_AVAILABLE_RULE = "!has(self.minAvailable) || (type(self.minAvailable) == int"
            + " ? self.minAvailable >= 0 : self.minAvailable.matches('" + PERCENT_PATTERN + "'))";
    static final String MAX_UNAVAILABLE_RULE = "!has(self.maxUnavailable) || (type(self.maxUnavailable) == int"
            + " ? self.maxUnavailable >= 0 : self.maxUnavailable.matches('" + PERCENT_PATTERN + "'))";

    @JsonPropertyDescription("false: no PodDisruptionBudget (an existing one is deleted)")
    @Default("true")
    private Boolean enabled;
    @JsonPropertyDescription("Server pods that must stay available during voluntary disruptions (count or percentage)")
    private IntOrString minAvailable;
    @JsonPropertyDescription("Server pods that may be unavailable at once (count or percentage); default 1")
    private IntOrString maxUnavailable;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public IntOrString getMinAvailable() {
        return minAvailable;
    }

    public void setMinAvailable(IntOrString minAvailable) {
        this.minAvailable = minAvailable;
    }

    public IntOrString getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(IntOrString maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }
}
