package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;

/** What the server and the client spec share: the image, how many pods run it, and where and how they run. */
public abstract class SideSpec {
    @JsonPropertyDescription("Container image; default: the image of this side built with this operator's version")
    @Size(max = 512)
    private String image;
    @JsonPropertyDescription("Pods of this side, 0 to " + EffectiveSpec.MAX_REPLICAS)
    @Min(0)
    @Max(EffectiveSpec.MAX_REPLICAS)
    @Default("1")
    private Integer replicas;
    @JsonPropertyDescription("Resources, placement, labels and annotations of this side's pods")
    private PodSettings pod;

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

    public PodSettings getPod() {
        return pod;
    }

    public void setPod(PodSettings pod) {
        this.pod = pod;
    }
}
