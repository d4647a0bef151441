package dev.pingpong.operator.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The server's NetworkPolicy as resolved: whether there is one, and which namespaces it admits besides the client. */
public record ServerNetworkPolicy(boolean enabled, List<String> allowedNamespaces) {

    private static final Pattern NAMESPACE = Pattern.compile(NetworkPolicySpec.NAMESPACE_PATTERN);

    /** {@code given} (may be null) with the default (none) applied; problems, naming the field, go to {@code problems}. */
    static ServerNetworkPolicy resolve(NetworkPolicySpec given, List<String> problems) {
        NetworkPolicySpec spec = Optional.ofNullable(given).orElseGet(NetworkPolicySpec::new);
        List<String> namespaces = List.copyOf(Optional.ofNullable(spec.getAllowedNamespaces()).orElse(List.of()));
        String field = "server.networkPolicy.allowedNamespaces";
        if (namespaces.size() > NetworkPolicySpec.MAX_NAMESPACES) {
            problems.add(field + ": " + namespaces.size() + " entries, at most " + NetworkPolicySpec.MAX_NAMESPACES);
        }
        namespaces.stream()
                .filter(name -> name.length() > NetworkPolicySpec.MAX_NAMESPACE_LENGTH || !NAMESPACE.matcher(name).matches())
                .forEach(name -> problems.add(field + ": \"" + name + "\" is not a namespace name (a DNS-1123 label)"));
        return new ServerNetworkPolicy(Boolean.TRUE.equals(spec.getEnabled()), namespaces);
    }
}
