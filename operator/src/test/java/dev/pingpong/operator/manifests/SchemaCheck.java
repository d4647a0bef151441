package dev.pingpong.operator.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a raw YAML value against a structural CRD schema the way the API server would (types, unknown fields,
 * patterns, enums, bounds), so a typo in a sample fails here instead of being pruned silently by the cluster.
 * CEL rules (x-kubernetes-validations) are not evaluated: the tests check those few rules by hand.
 */
final class SchemaCheck {

    private final List<String> errors = new ArrayList<>();

    private SchemaCheck() {
    }

    /** Every violation, each as "path: what"; empty when the value fits. */
    static List<String> violations(Object value, JSONSchemaProps schema, String path) {
        SchemaCheck check = new SchemaCheck();
        check.check(value, schema, path);
        return check.errors;
    }

    private void check(Object value, JSONSchemaProps schema, String path) {
        if (Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                errors.add(path + ": expected an integer or a string, got " + describe(value));
            }
            return;
        }
        switch (schema.getType()) {
            case "object" -> checkObject(value, schema, path);
            case "array" -> {
                if (value instanceof List<?> items) {
                    for (int i = 0; i < items.size(); i++) {
                        check(items.get(i), schema.getItems().getSchema(), path + "[" + i + "]");
                    }
                } else {
                    errors.add(path + ": expected a list, got " + describe(value));
                }
            }
            case "string" -> checkString(value, schema, path);
            case "integer" -> checkInteger(value, schema, path);
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    errors.add(path + ": expected true or false, got " + describe(value));
                }
            }
            default -> errors.add(path + ": schema type " + schema.getType() + " is not checked here");
        }
    }

    private void checkObject(Object value, JSONSchemaProps schema, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(path + ": expected an object, got " + describe(value));
            return;
        }
        Map<String, JSONSchemaProps> properties = schema.getProperties();
        if (schema.getRequired() != null) {
            schema.getRequired().stream().filter(name -> !map.containsKey(name))
                    .forEach(name -> errors.add(path + "." + name + ": required"));
        }
        map.forEach((key, child) -> {
            JSONSchemaProps childSchema = properties == null ? null : properties.get(String.valueOf(key));
            if (childSchema == null && schema.getAdditionalProperties() != null) {
                childSchema = schema.getAdditionalProperties().getSchema(); // a map: every value has this schema
            }
            if (childSchema == null) {
                if (!Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
                    errors.add(path + "." + key + ": unknown field (the API server would drop it)");
                }
            } else {
                check(child, childSchema, path + "." + key);
            }
        });
    }

    private void checkString(Object value, JSONSchemaProps schema, String path) {
        if (!(value instanceof String text)) {
            errors.add(path + ": expected a string, got " + describe(value));
            return;
        }
        if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
            errors.add(path + ": \"" + text + "\" does not match " + schema.getPattern());
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty() && schema.getEnum().stream().map(JsonNode::asText).noneMatch(text::equals)) {
            errors.add(path + ": \"" + text + "\" is not one of " + schema.getEnum());
        }
    }

    private void checkInteger(Object value, JSONSchemaProps schema, String path) {
        if (!(value instanceof Integer || value instanceof Long)) {
            errors.add(path + ": expected an integer, got " + describe(value));
            return;
        }
        long number = ((Number) value).longValue();
        if (schema.getMinimum() != null && number < schema.getMinimum()) {
            errors.add(path + ": " + number + " is below the minimum " + schema.getMinimum());
        }
        if (schema.getMaximum() != null && number > schema.getMaximum()) {
            errors.add(path + ": " + number + " is above the maximum " + schema.getMaximum());
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
