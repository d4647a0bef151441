package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The server's NetworkPolicy NAME-server: when enabled, only the pair's client pods and pods in the listed
 * namespaces reach the server's UDP port, and nothing else reaches the server pods (the kubelet's probes are not
 * subject to NetworkPolicy).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {

    public static final int MAX_NAMESPACES = 64;
    /** A namespace name: a DNS-1123 label. */
    public static final String NAMESPACE_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final int MAX_NAMESPACE_LENGTH = 63;

    @JsonPropertyDescription("true: a NetworkPolicy NAME-server (false deletes an existing one)")
    @Default("false")
    private Boolean enabled;
    @JsonPropertyDescription("Namespaces whose pods may also reach the server's UDP port")
    @Size(max = MAX_NAMESPACES)
    private List<@Pattern(NAMESPACE_PATTERN) @Size(max = MAX_NAMESPACE_LENGTH) String> allowedNamespaces;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getAllowedNamespaces() {
        return allowedNamespaces;
    }

    public void setAllowedNamespaces(List<String> allowedNamespaces) {
        this.allowedNamespaces = allowedNamespaces;
    }
}
