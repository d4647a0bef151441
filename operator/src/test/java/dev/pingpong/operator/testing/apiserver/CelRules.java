package dev.pingpong.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRD's {@code x-kubernetes-validations}, compiled with Google's cel-java and evaluated like the API server
 * does: each rule on the schema node that declares it, {@code self} being that node's value, typed from the schema
 * (string, int, bool, map, list), and a rule that fails to evaluate refuses the object as a false one would.
 */
public final class CelRules {

    /** A compiled rule and where it sits ("spec.tls.duration"). */
    private record Compiled(String path, String rule, String message, CelRuntime.Program program) {
    }

    private final List<Compiled> rules = new ArrayList<>();

    private CelRules() {
    }

    /** Compiles every rule of {@code root}; IllegalArgumentException names a rule that does not compile. */
    public static CelRules compile(JSONSchemaProps root) {
        CelRules compiled = new CelRules();
        compiled.collect(root, "");
        return compiled;
    }

    public int size() {
        return rules.size();
    }

    /** Every violated rule of {@code object} (a whole resource as JSON), as "path: message". */
    public List<String> violations(JsonNode object) {
        List<String> violations = new ArrayList<>();
        for (Compiled rule : rules) {
            JsonNode self = at(object, rule.path());
            if (self == null || self.isMissingNode() || self.isNull()) {
                continue; // a rule applies only where its field is present
            }
            String where = rule.path().isEmpty() ? "<root>" : rule.path();
            try {
                if (!Boolean.TRUE.equals(rule.program().eval(Map.of("self", value(self))))) {
                    violations.add(where + ": " + rule.message());
                }
            } catch (CelEvaluationException e) {
                violations.add(where + ": rule " + rule.rule() + " failed: " + e.getMessage());
            }
        }
        return violations;
    }

    private void collect(JSONSchemaProps schema, String path) {
        if (schema.getXKubernetesValidations() != null) {
            Cel cel = CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addVar("self", type(schema)).build();
            for (ValidationRule rule : schema.getXKubernetesValidations()) {
                try {
                    CelAbstractSyntaxTree ast = cel.compile(rule.getRule()).getAst();
                    rules.add(new Compiled(path, rule.getRule(), rule.getMessage(), cel.createProgram(ast)));
                } catch (CelValidationException | CelEvaluationException e) {
                    throw new IllegalArgumentException("rule at " + path + " does not compile: " + rule.getRule()
                            + ": " + e.getMessage(), e);
                }
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, child) -> collect(child, path.isEmpty() ? name : path + "." + name));
        }
    }

    private static CelType type(JSONSchemaProps schema) {
        if (schema.getType() == null) {
            return SimpleType.DYN; // -int-or-string (told apart with type()) or -preserve-unknown-fields: any value
        }
        return switch (schema.getType()) {
            case "string" -> SimpleType.STRING;
            case "integer" -> SimpleType.INT;
            case "boolean" -> SimpleType.BOOL;
            case "number" -> SimpleType.DOUBLE;
            case "array" -> ListType.create(SimpleType.DYN);
            default -> MapType.create(SimpleType.STRING, SimpleType.DYN);
        };
    }

    private static JsonNode at(JsonNode object, String path) {
        JsonNode node = object;
        if (!path.isEmpty()) {
            for (String name : path.split("\\.")) {
                node = node == null ? null : node.get(name);
            }
        }
        return node;
    }

    /** JSON as CEL sees it: integers as long, objects as maps, arrays as lists. */
    private static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), value(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }
}
