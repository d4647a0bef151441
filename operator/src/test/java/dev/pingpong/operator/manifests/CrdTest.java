package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pingpong.app.GoDurations;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated CRD (crds/, written by the build from the model) against the public interface (interfaces.md section 5). */
class CrdTest {

    private final CustomResourceDefinition crd = Manifests.crd();
    private final JSONSchemaProps spec = Manifests.schema().getProperties().get("spec");

    @Test
    void namesGroupVersionAndScope() {
        assertEquals("apiextensions.k8s.io/v1", crd.getApiVersion());
        assertEquals("CustomResourceDefinition", crd.getKind());
        assertEquals("pingpongpairs.pingpong.dev", crd.getMetadata().getName());
        assertEquals("pingpong.dev", crd.getSpec().getGroup());
        assertEquals("PingPongPair", crd.getSpec().getNames().getKind());
        assertEquals("pingpongpairs", crd.getSpec().getNames().getPlural());
        assertEquals(List.of("ppp"), crd.getSpec().getNames().getShortNames());
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals(1, crd.getSpec().getVersions().size());
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertEquals("v1alpha1", version.getName());
        assertTrue(version.getServed() && version.getStorage(), "served and stored");
        assertNotNull(version.getSubresources().getStatus(), "status subresource");
        assertEquals(List.of(), UnknownFields.in(crd, ""), "every field is a CRD field");
    }

    @Test
    void printerColumnsAreTheDocumentedOnesInOrder() {
        List<String> columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().stream()
                .map(CustomResourceColumnDefinition::getName).toList();
        assertEquals(List.of("Ready", "Endpoint", "Cert-Expiry", "Restarts", "RTT", "Loss", "Age"), columns);
    }

    @ParameterizedTest(name = "spec.{0}.{1} defaults to {2}")
    @CsvSource({
            "server, replicas, 1",
            "server, port, 4433",
            "client, replicas, 1",
            "client, interval, 1s",
            "client, mode, stream",
            "tls, duration, 240h",
            "tls, mutual, true",
            "recovery, enabled, true",
            "recovery, unhealthyAfter, 60s",
            "recovery, maxRestartsPerHour, 6",
    })
    void documentedDefaults(String section, String field, String expected) {
        JsonNode defaultValue = field(section, field).getDefault();
        assertNotNull(defaultValue, "spec." + section + "." + field + " has a default");
        assertEquals(expected, defaultValue.asText());
    }

    @Test
    void fieldsWithoutAStaticDefaultHaveNone() {
        // Images default to the operator's own version and renewBefore to a third of the duration: both resolved
        // by the operator, so a schema default would be wrong.
        assertNull(field("server", "image").getDefault());
        assertNull(field("client", "image").getDefault());
        assertNull(field("tls", "renewBefore").getDefault());
    }

    @Test
    void everySpecFieldIsOptional() {
        assertEquals(List.of(), Manifests.schema().getRequired(), "spec itself is optional");
        assertEquals(List.of(), spec.getRequired());
        for (String section : List.of("server", "client", "tls", "recovery")) {
            assertEquals(List.of(), spec.getProperties().get(section).getRequired(), section + " has no required fields");
        }
        assertEquals(Set.of("server", "client", "tls", "recovery"), spec.getProperties().keySet());
    }

    @ParameterizedTest(name = "spec.{0}.{1}")
    @CsvSource({"client, interval", "tls, duration", "tls, renewBefore", "recovery, unhealthyAfter"})
    void durationsUseTheGoDurationPattern(String section, String field) {
        assertEquals(GoDurations.PATTERN, field(section, field).getPattern());
    }

    @Test
    void modeIsStreamOrDatagramAndPortIsAPort() {
        assertEquals(Set.of("stream", "datagram"),
                field("client", "mode").getEnum().stream().map(JsonNode::asText).collect(Collectors.toSet()));
        assertEquals(1.0, field("server", "port").getMinimum());
        assertEquals(65535.0, field("server", "port").getMaximum());
    }

    @Test
    void tlsRulesAreEnforcedByTheApiServer() {
        String rules = field("tls", "duration").getXKubernetesValidations() + " "
                + spec.getProperties().get("tls").getXKubernetesValidations();
        assertTrue(rules.contains("duration(self) >= duration('60s')"), rules);
        assertTrue(rules.contains("duration(self.renewBefore) < duration(has(self.duration) ? self.duration : '240h')"),
                rules);
    }

    @Test
    void statusHasTheDocumentedFields() {
        JSONSchemaProps status = Manifests.schema().getProperties().get("status");
        assertTrue(status.getProperties().keySet().containsAll(
                Set.of("observedGeneration", "conditions", "serverEndpoint", "certificate", "restarts")),
                status.getProperties().keySet().toString());
        assertTrue(status.getProperties().get("certificate").getProperties().keySet()
                .containsAll(Set.of("notAfter", "renewAt", "sha256")));
        assertTrue(status.getProperties().get("restarts").getProperties().keySet()
                .containsAll(Set.of("server", "client", "lastRestartTime", "lastRestartReason")));
        assertEquals(Set.of("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration"),
                status.getProperties().get("conditions").getItems().getSchema().getProperties().keySet());
    }

    private JSONSchemaProps field(String section, String field) {
        JSONSchemaProps schema = spec.getProperties().get(section).getProperties().get(field);
        assertNotNull(schema, "spec." + section + "." + field + " is in the CRD");
        return schema;
    }
}
