package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServerSpec extends SideSpec {
    @JsonPropertyDescription("UDP port for WebTransport")
    @Min(1)
    @Max(65535)
    @Default("4433")
    private Integer port;
    @JsonPropertyDescription("A PodDisruptionBudget NAME-server for the server pods; default: enabled, maxUnavailable 1")
    private DisruptionBudgetSpec podDisruptionBudget;
    @JsonPropertyDescription("A NetworkPolicy NAME-server admitting only the pair's client and listed namespaces; default: none")
    private NetworkPolicySpec networkPolicy;

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public DisruptionBudgetSpec getPodDisruptionBudget() {
        return podDisruptionBudget;
    }

    public void setPodDisruptionBudget(DisruptionBudgetSpec podDisruptionBudget) {
        this.podDisruptionBudget = podDisruptionBudget;
    }

    public NetworkPolicySpec getNetworkPolicy() {
        return networkPolicy;
    }

    public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
        this.networkPolicy = networkPolicy;
    }
}
