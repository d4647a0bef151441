package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** The cert-manager Issuer or ClusterIssuer that signs a pair's certificates when tls.issuer is certManager. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IssuerRef {
    /** A DNS-1123 subdomain: how Kubernetes names an Issuer or ClusterIssuer. */
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final int MAX_NAME = 253;
    public static final String DEFAULT_KIND = "Issuer";
    public static final String DEFAULT_GROUP = "cert-manager.io";

    @JsonPropertyDescription("Name of the Issuer (in the pair's namespace) or ClusterIssuer")
    @Required
    @Pattern(NAME_PATTERN)
    @Size(min = 1, max = MAX_NAME)
    private String name;
    @JsonPropertyDescription("Issuer or ClusterIssuer")
    @Default(DEFAULT_KIND)
    private IssuerKind kind;
    @JsonPropertyDescription("API group of the issuer: cert-manager.io, or an external issuer's group")
    @Pattern(NAME_PATTERN)
    @Size(min = 1, max = MAX_NAME)
    @Default(DEFAULT_GROUP)
    private String group;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public IssuerKind getKind() {
        return kind;
    }

    public void setKind(IssuerKind kind) {
        this.kind = kind;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }
}
