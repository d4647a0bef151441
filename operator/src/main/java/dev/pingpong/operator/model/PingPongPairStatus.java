package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed; written only by the reconciler's status composer. */
// A field written by another operator version is dropped, never a reason to fail reading the pair.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PingPongPairStatus {
    private Long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();
    private String serverEndpoint;
    private CertificateStatus certificate;
    private RestartStatus restarts;
    private ObservedPings observed;
    @JsonPropertyDescription("The spec the children were last reconciled to, every default applied, in the spec's shape")
    private JsonNode effectiveSpec;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public String getServerEndpoint() {
        return serverEndpoint;
    }

    public void setServerEndpoint(String serverEndpoint) {
        this.serverEndpoint = serverEndpoint;
    }

    public CertificateStatus getCertificate() {
        return certificate;
    }

    public void setCertificate(CertificateStatus certificate) {
        this.certificate = certificate;
    }

    public RestartStatus getRestarts() {
        return restarts;
    }

    public void setRestarts(RestartStatus restarts) {
        this.restarts = restarts;
    }

    public ObservedPings getObserved() {
        return observed;
    }

    public void setObserved(ObservedPings observed) {
        this.observed = observed;
    }

    public JsonNode getEffectiveSpec() {
        return effectiveSpec;
    }

    public void setEffectiveSpec(JsonNode effectiveSpec) {
        this.effectiveSpec = effectiveSpec;
    }
}
