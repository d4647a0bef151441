package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServerSpec {
    @JsonPropertyDescription("Server image; default: the pingpong-server image of this operator's version")
    private String image;
    @Min(0)
    @Default("1")
    private Integer replicas;
    @JsonPropertyDescription("UDP port for WebTransport")
    @Min(1)
    @Max(65535)
    @Default("4433")
    private Integer port;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }
}
