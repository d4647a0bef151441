package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pingpong.app.GoDurations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecoverySpec {
    @Default("true")
    private Boolean enabled;
    @JsonPropertyDescription("A pod not ready for this long gets its side restarted, Go style; at least 1s")
    @Pattern(GoDurations.PATTERN)
    @Size(max = 32)
    @ValidationRule(value = "duration(self) >= duration('1s')", message = "recovery.unhealthyAfter must be at least 1s")
    @Default("60s")
    private String unhealthyAfter;
    @JsonPropertyDescription("Restarts per side within any hour; 0 = report, never restart")
    @Min(0)
    @Max(EffectiveSpec.MAX_RESTARTS_PER_HOUR)
    @Default("6")
    private Integer maxRestartsPerHour;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getUnhealthyAfter() {
        return unhealthyAfter;
    }

    public void setUnhealthyAfter(String unhealthyAfter) {
        this.unhealthyAfter = unhealthyAfter;
    }

    public Integer getMaxRestartsPerHour() {
        return maxRestartsPerHour;
    }

    public void setMaxRestartsPerHour(Integer maxRestartsPerHour) {
        this.maxRestartsPerHour = maxRestartsPerHour;
    }
}
