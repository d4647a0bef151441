package dev.pingpong.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What a real API server does with a custom resource before storing it, for the CRD's only version: prune fields the
 * structural schema does not declare, apply its defaults, validate against the OpenAPI schema (networknt
 * json-schema-validator) and evaluate its CEL rules (cel-java). fabric8's mock server stores anything.
 */
public final class CustomResourceAdmission {

    /** The object as it would be stored, or why it is refused. */
    public record Result(ObjectNode admitted, List<String> violations) {
        public boolean allowed() {
            return violations.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private final JSONSchemaProps root;
    private final JsonSchema schema;
    private final CelRules rules;

    private CustomResourceAdmission(JSONSchemaProps root) {
        this.root = root;
        ObjectNode schemaJson = JSON.valueToTree(root);
        withoutKubernetesExtensions(schemaJson);
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaJson);
        this.rules = CelRules.compile(root);
    }

    public static CustomResourceAdmission of(CustomResourceDefinition crd) {
        return new CustomResourceAdmission(crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema());
    }

    public CelRules rules() {
        return rules;
    }

    /** Prunes, defaults and validates a copy of {@code object}. */
    public Result admit(JsonNode object) {
        return admit(object, "");
    }

    /**
     * As {@link #admit(JsonNode)}, counting only violations under {@code scope} ("status" for a write to the status
     * subresource: the rest of the object is unchanged, and the API server ratchets what did not change).
     */
    public Result admit(JsonNode object, String scope) {
        ObjectNode admitted = object.deepCopy();
        prune(admitted, root, true);
        applyDefaults(admitted, root);
        List<String> violations = new ArrayList<>();
        for (ValidationMessage message : schema.validate(admitted)) {
            String path = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            if (path.startsWith(scope)) {
                violations.add(message.getMessage());
            }
        }
        if (violations.isEmpty()) {
            rules.violations(admitted).stream().filter(violation -> violation.startsWith(scope)).forEach(violations::add);
        }
        return new Result(admitted, violations);
    }

    private static void prune(JsonNode node, JSONSchemaProps schema, boolean isRoot) {
        if (node == null || schema == null) {
            return;
        }
        if (node.isArray() && schema.getItems() != null) {
            node.forEach(item -> prune(item, schema.getItems().getSchema(), false));
        }
        if (!node.isObject() || Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
            return;
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            // a map (labels, resources.limits): every key is kept, its value pruned by the values' schema
            node.forEach(value -> prune(value, schema.getAdditionalProperties().getSchema(), false));
            return;
        }
        if (schema.getProperties() == null) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (isRoot && ROOT_FIELDS.contains(name)) {
                continue;
            }
            JSONSchemaProps child = schema.getProperties().get(name);
            if (child == null) {
                names.remove();
            } else {
                prune(node.get(name), child, false);
            }
        }
    }

    private static void applyDefaults(JsonNode node, JSONSchemaProps schema) {
        if (node == null || !node.isObject() || schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, child) -> {
            if (!node.has(name) && child.getDefault() != null) {
                ((ObjectNode) node).set(name, child.getDefault().deepCopy());
            }
            applyDefaults(node.get(name), child);
        });
    }

    private static void withoutKubernetesExtensions(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).properties().removeIf(field -> field.getKey().startsWith("x-kubernetes-"));
        }
        node.forEach(CustomResourceAdmission::withoutKubernetesExtensions);
    }
}
