package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pingpong.app.GoDurations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClientSpec extends SideSpec {
    @JsonPropertyDescription("Time between pings, Go style (250ms, 1s); 0 = flood")
    @Pattern(GoDurations.PATTERN)
    @Size(max = 32)
    @ValidationRule(value = "duration(self) >= duration('0s')", message = "client.interval must be a duration of at most 2562047h")
    @Default("1s")
    private String interval;
    @Default("stream")
    private ClientMode mode;

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public ClientMode getMode() {
        return mode;
    }

    public void setMode(ClientMode mode) {
        this.mode = mode;
    }
}
