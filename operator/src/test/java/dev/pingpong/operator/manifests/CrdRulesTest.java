package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.model.InvalidSpecException;
import dev.pingpong.operator.model.PairName;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.testing.apiserver.CustomResourceAdmission;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated CRD's rules and the operator's validation are one set: every CEL rule compiles (cel-java), and every
 * sample and every example documented in docs/operator.md gets the same answer from the CRD (schema, defaults and
 * CEL, as the test API server applies them) and from the operator ({@link EffectiveSpec}, {@link PairName}).
 */
class CrdRulesTest {

    private static final Path DOCS = Manifests.ROOT.resolve("docs/operator.md");
    private static final String MARKER = "<!-- examples: CrdRulesTest";

    private final CustomResourceAdmission crd = CustomResourceAdmission.of(Manifests.crd());

    @Test
    void everyCelRuleOfTheCrdCompiles() {
        assertEquals(rules(Manifests.crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()),
                crd.rules().size());
        assertTrue(crd.rules().size() >= 6, "the name, duration and renewBefore rules: " + crd.rules().size());
    }

    static Stream<Arguments> documentedExamples() {
        List<String> lines = Manifests.read(DOCS).lines().toList();
        int start = lines.indexOf(lines.stream().filter(line -> line.startsWith(MARKER)).findFirst()
                .orElseThrow(() -> new AssertionError("no examples table in " + DOCS)));
        return lines.stream().skip(start + 3).takeWhile(line -> line.startsWith("|")).map(line -> {
            String[] cells = line.split("\\|");
            return Arguments.of(unquote(cells[1]), unquote(cells[2]), cells[3].trim().startsWith("accepted"));
        });
    }

    @ParameterizedTest(name = "{0} {1}: accepted={2}")
    @MethodSource("documentedExamples")
    void theCrdAndTheOperatorGiveTheDocumentedAnswer(String name, String spec, boolean accepted) throws IOException {
        ObjectNode pair = pair(name, Manifests.YAML.readTree(spec));
        CustomResourceAdmission.Result admission = crd.admit(pair);
        assertEquals(accepted, admission.allowed(), "CRD: " + admission.violations());
        assertEquals(accepted, operatorAccepts(pair), "operator");
    }

    static Stream<Path> samples() {
        return Manifests.yamlFiles(Manifests.SAMPLES).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsAcceptedByBoth(Path sample) throws IOException {
        JsonNode pair = Manifests.YAML.readTree(Manifests.read(sample));
        ObjectNode named = pair.deepCopy();
        CustomResourceAdmission.Result admission = crd.admit(named);
        assertEquals(List.of(), admission.violations());
        assertEquals(pair.path("spec"), admission.admitted().path("spec").isEmpty() ? pair.path("spec")
                : pruneDefaults(pair.path("spec"), admission.admitted().path("spec")), "nothing pruned");
        assertTrue(operatorAccepts(named), "operator");
    }

    /** What the operator says of the pair: EffectiveSpec.resolve and PairName.check, on the model it reads. */
    private static boolean operatorAccepts(JsonNode pair) {
        PingPongPair model = Manifests.SERIALIZATION.unmarshal(pair.toString(), PingPongPair.class);
        try {
            EffectiveSpec.resolve(model.getSpec(), Images.ofThisVersion(), OperatorRuntime.DEFAULT_CLUSTER_DOMAIN);
            PairName.check(model.getMetadata().getName());
            return true;
        } catch (InvalidSpecException e) {
            return false;
        }
    }

    private static ObjectNode pair(String name, JsonNode spec) {
        ObjectNode pair = Manifests.YAML.createObjectNode();
        pair.put("apiVersion", "pingpong.dev/v1alpha1").put("kind", "PingPongPair");
        pair.putObject("metadata").put("name", name).put("namespace", "default");
        pair.set("spec", spec);
        return pair;
    }

    /** The admitted spec without the fields only defaults added: equal to the sample when nothing was pruned. */
    private static JsonNode pruneDefaults(JsonNode sample, JsonNode admitted) {
        ObjectNode result = admitted.deepCopy();
        result.properties().removeIf(field -> !sample.has(field.getKey()));
        result.properties().forEach(field -> {
            if (field.getValue().isObject()) {
                field.setValue(pruneDefaults(sample.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    private static int rules(JSONSchemaProps schema) {
        int own = schema.getXKubernetesValidations() == null ? 0 : schema.getXKubernetesValidations().size();
        return own + (schema.getProperties() == null ? 0
                : schema.getProperties().values().stream().mapToInt(CrdRulesTest::rules).sum());
    }

    private static String unquote(String cell) {
        String text = cell.trim();
        return text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text;
    }
}
