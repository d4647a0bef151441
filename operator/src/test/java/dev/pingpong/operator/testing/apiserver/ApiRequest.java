package dev.pingpong.operator.testing.apiserver;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A request to the API server as RBAC sees it: verb, API group, resource, subresource, namespace and name, parsed
 * from method and path like the real server's request-info resolver. Non-resource paths (discovery) have no resource.
 */
public record ApiRequest(String verb, String group, String version, String resource, String subresource,
                         String namespace, String name, String path) {

    private static final Set<String> WATCH = Set.of("watch=true", "watch=1");

    public static ApiRequest parse(String method, String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        String path = uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        int at;
        String group;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            at = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            at = 3;
        } else {
            return new ApiRequest(method.toLowerCase(java.util.Locale.ROOT), null, null, null, null, null, null, path);
        }
        String version = parts.get(at - 1);
        List<String> rest = parts.subList(at, parts.size());
        String namespace = null;
        // namespaces/NS/RESOURCE... is a namespaced request; namespaces/NS alone is the Namespace object itself
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.isEmpty() ? null : rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String subresource = rest.size() > 2 ? rest.get(2) : null;
        boolean watch = Arrays.stream(query.split("&")).anyMatch(WATCH::contains);
        String verb = switch (method) {
            case "GET" -> watch ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new ApiRequest(verb, group, version, resource, subresource, namespace, name, path);
    }

    public boolean isResourceRequest() {
        return resource != null;
    }

    /** "resource" or "resource/subresource", as RBAC rules name it. */
    public String rbacResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }
}
