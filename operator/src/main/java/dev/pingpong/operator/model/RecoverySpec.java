package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pingpong.app.GoDurations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecoverySpec {
    @Default("true")
    private Boolean enabled;
    @JsonPropertyDescription("A pod not ready for this long gets its side restarted, Go style")
    @Pattern(GoDurations.PATTERN)
    @Size(max = 32)
    @Default("60s")
    private String unhealthyAfter;
    @Min(0)
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
