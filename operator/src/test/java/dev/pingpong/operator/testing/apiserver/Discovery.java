package dev.pingpong.operator.testing.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The legacy discovery documents kubectl reads before it can resolve {@code ppp}: {@code /api}, {@code /api/v1}
 * (no core resources: the test server is for custom resources), {@code /apis}, {@code /apis/GROUP} and
 * {@code /apis/GROUP/VERSION}, from the CRDs installed at the time (fabric8's mock serves only the last, without
 * short names).
 */
final class Discovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VERBS = List.of("delete", "deletecollection", "get", "list", "patch", "create",
            "update", "watch");

    private final Supplier<List<CustomResourceDefinition>> installed;

    Discovery(Supplier<List<CustomResourceDefinition>> installed) {
        this.installed = installed;
    }

    /** The document for {@code path}, or empty when it is not a discovery path. */
    Optional<String> document(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<CustomResourceDefinition> crds = installed.get();
        return switch (trimmed) {
            case "/api" -> Optional.of(object("APIVersions").put("apiVersion", "v1")
                    .set("versions", JSON.createArrayNode().add("v1")).toString());
            case "/api/v1" -> Optional.of(object("APIResourceList").put("apiVersion", "v1").put("groupVersion", "v1")
                    .set("resources", JSON.createArrayNode()).toString());
            case "/apis" -> {
                ArrayNode groups = JSON.createArrayNode();
                crds.stream().map(crd -> crd.getSpec().getGroup()).distinct()
                        .forEach(group -> groups.add(group(group, crds)));
                yield Optional.of(object("APIGroupList").put("apiVersion", "v1").set("groups", groups).toString());
            }
            default -> crds.stream().flatMap(crd -> {
                String group = crd.getSpec().getGroup();
                if (trimmed.equals("/apis/" + group)) {
                    return Stream.of(group(group, crds).put("kind", "APIGroup").put("apiVersion", "v1").toString());
                }
                return crd.getSpec().getVersions().stream()
                        .filter(version -> trimmed.equals("/apis/" + group + "/" + version.getName()))
                        .map(version -> resources(group + "/" + version.getName(), crds.stream()
                                .filter(other -> other.getSpec().getGroup().equals(group)).toList(), version.getName()));
            }).findFirst();
        };
    }

    private static ObjectNode group(String group, List<CustomResourceDefinition> crds) {
        ArrayNode versions = JSON.createArrayNode();
        crds.stream().filter(crd -> crd.getSpec().getGroup().equals(group))
                .flatMap(crd -> crd.getSpec().getVersions().stream()).map(CustomResourceDefinitionVersion::getName)
                .distinct().forEach(version -> versions.add(JSON.createObjectNode()
                        .put("groupVersion", group + "/" + version).put("version", version)));
        ObjectNode node = JSON.createObjectNode().put("name", group);
        node.set("versions", versions);
        node.set("preferredVersion", versions.get(0).deepCopy());
        return node;
    }

    private static String resources(String groupVersion, List<CustomResourceDefinition> crds, String version) {
        ArrayNode list = JSON.createArrayNode();
        for (CustomResourceDefinition crd : crds) {
            boolean served = crd.getSpec().getVersions().stream().anyMatch(v -> v.getName().equals(version));
            if (!served) {
                continue;
            }
            ObjectNode resource = list.addObject().put("name", crd.getSpec().getNames().getPlural())
                    .put("singularName", crd.getSpec().getNames().getSingular())
                    .put("namespaced", "Namespaced".equals(crd.getSpec().getScope()))
                    .put("kind", crd.getSpec().getNames().getKind());
            resource.set("verbs", JSON.valueToTree(VERBS));
            if (crd.getSpec().getNames().getShortNames() != null) {
                resource.set("shortNames", JSON.valueToTree(crd.getSpec().getNames().getShortNames()));
            }
            list.addObject().put("name", crd.getSpec().getNames().getPlural() + "/status").put("singularName", "")
                    .put("namespaced", "Namespaced".equals(crd.getSpec().getScope()))
                    .put("kind", crd.getSpec().getNames().getKind())
                    .set("verbs", JSON.valueToTree(List.of("get", "patch", "update")));
        }
        return object("APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion)
                .set("resources", list).toString();
    }

    private static ObjectNode object(String kind) {
        return JSON.createObjectNode().put("kind", kind);
    }
}
