package dev.pingpong.operator.testing.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The test API server's quantities against apimachinery's own examples (quantity_test.go). */
class QuantitiesTest {

    @ParameterizedTest
    @CsvSource({
            "1024Mi, 1Gi", "307200Ki, 300Mi", "1025024Mi, 1001Gi", "1024Gi, 1Ti", "6Ki, 6Ki", "1.5Gi, 1536Mi",
            "5000m, 5", "0.5, 500m", "1000M, 1G", "0.001T, 1G", "1000u, 1m", "1.08, 1080m", "1080000000n, 1080m",
            "1000E, 1e21", "5000E, 5e21", ".001e12, 1e9", "0.001e0, 1e-3", "1000e-12, 1e-9", "00, 0", "0Mi, 0",
            "1025, 1025", ".001Ki, 1024m", ".000001Ki, 1024u", ".000000000001Ki, 2n", "3.001n, 4n", "2000, 2k",
            "100m, 100m", "128Mi, 128Mi", "1, 1", "-0.5, -500m", "1.Gi, 1Gi", "+1k, 1k"})
    void writesQuantitiesAsApimachineryDoes(String written, String canonical) {
        assertEquals(canonical, Quantities.canonical(written));
    }

    @ParameterizedTest
    @CsvSource({"half", "1 Gi", "1KiB", "1e", "Mi", "1.5.5"})
    void refusesWhatIsNoQuantity(String written) {
        assertThrows(IllegalArgumentException.class, () -> Quantities.canonical(written));
    }

    @Test
    void rewritesTheContainersOfADeploymentAndNamesTheFieldItRefuses() throws Exception {
        JsonNode deployment = new ObjectMapper().readTree("""
                {"spec": {"template": {"spec": {"containers": [{"name": "server",
                  "resources": {"requests": {"cpu": "0.5", "memory": "1024Mi"}, "limits": {"memory": "half"}}}]}}}}
                """);
        var problems = Quantities.canonicalizeDeployment(deployment);
        JsonNode resources = deployment.at("/spec/template/spec/containers/0/resources");
        assertEquals("500m", resources.at("/requests/cpu").asText());
        assertEquals("1Gi", resources.at("/requests/memory").asText());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(
                "spec.template.spec.containers[0].resources.limits[memory]: Invalid value: \"half\""), problems.get(0));
    }
}
