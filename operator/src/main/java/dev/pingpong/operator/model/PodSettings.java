package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a side's pods run: Kubernetes' own pod fields, copied into the side's Deployment pod template.
 * Their values are Kubernetes' to validate (the API server checks the Deployment the operator writes); the rules
 * here are the operator's own: bounded sizes and the label and annotation keys the operator keeps for itself.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodSettings {

    /** Entries of each map, and items of tolerations, at most: bounds the CEL rules' cost too. */
    public static final int MAX_ENTRIES = 64;
    public static final int MAX_CONSTRAINTS = 16;
    /** A DNS-1123 subdomain's length, the longest object name. */
    public static final int MAX_NAME = 253;
    /** CEL: none of the four labels the operator selects and finds pods by, nor its own pingpong.dev/ prefix. */
    public static final String LABELS_RULE = "!('" + PodRules.NAME_LABEL + "' in self) && !('" + PodRules.INSTANCE_LABEL
            + "' in self) && !('" + PodRules.COMPONENT_LABEL + "' in self) && !('" + PodRules.MANAGED_BY_LABEL
            + "' in self) && self.all(k, !k.startsWith('" + PodRules.RESERVED_PREFIX + "'))";
    public static final String LABELS_MESSAGE = "pod.labels may not set " + PodRules.NAME_LABEL + ", "
            + PodRules.INSTANCE_LABEL + ", " + PodRules.COMPONENT_LABEL + ", " + PodRules.MANAGED_BY_LABEL
            + " or a " + PodRules.RESERVED_PREFIX + " key: the operator sets them";
    public static final String ANNOTATIONS_RULE = "self.all(k, !k.startsWith('" + PodRules.RESERVED_PREFIX + "'))";
    public static final String ANNOTATIONS_MESSAGE = "pod.annotations may not set a " + PodRules.RESERVED_PREFIX
            + " key: the operator sets them";

    @JsonPropertyDescription("CPU and memory of the container; replaces the default (requests cpu 100m, memory"
            + " 128Mi; limit memory 512Mi server, 256Mi client) as a whole")
    private ResourceRequirements resources;
    @Size(max = MAX_ENTRIES)
    private Map<String, String> nodeSelector;
    @Size(max = MAX_ENTRIES)
    private List<Toleration> tolerations;
    private Affinity affinity;
    @Size(max = MAX_CONSTRAINTS)
    private List<TopologySpreadConstraint> topologySpreadConstraints;
    @Size(max = MAX_NAME)
    private String priorityClassName;
    @Size(max = MAX_CONSTRAINTS)
    private List<LocalObjectReference> imagePullSecrets;
    @JsonPropertyDescription("Added to the pods' labels; the operator's own labels cannot be overridden")
    @Size(max = MAX_ENTRIES)
    @ValidationRule(value = LABELS_RULE, message = LABELS_MESSAGE)
    private Map<String, String> labels;
    @JsonPropertyDescription("Added to the pods' annotations; pingpong.dev/ keys are the operator's")
    @Size(max = MAX_ENTRIES)
    @ValidationRule(value = ANNOTATIONS_RULE, message = ANNOTATIONS_MESSAGE)
    private Map<String, String> annotations;

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return topologySpreadConstraints;
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public List<LocalObjectReference> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PodSettings that && Objects.equals(resources, that.resources)
                && Objects.equals(nodeSelector, that.nodeSelector) && Objects.equals(tolerations, that.tolerations)
                && Objects.equals(affinity, that.affinity)
                && Objects.equals(topologySpreadConstraints, that.topologySpreadConstraints)
                && Objects.equals(priorityClassName, that.priorityClassName)
                && Objects.equals(imagePullSecrets, that.imagePullSecrets) && Objects.equals(labels, that.labels)
                && Objects.equals(annotations, that.annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resources, nodeSelector, tolerations, affinity, topologySpreadConstraints,
                priorityClassName, imagePullSecrets, labels, annotations);
    }
}
