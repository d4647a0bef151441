package dev.pingpong.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pingpong.app.GoDurations;
import dev.pingpong.operator.manifests.Manifests;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** status.effectiveSpec: the spec as given, with every default filled in. */
class EffectiveSpecDescriptionTest {

    private static final Images IMAGES = new Images("registry/server:1", "registry/client:1");

    @Test
    void fillsEveryDefaultAroundWhatTheUserSet() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setServer(new ServerSpec());
        given.getServer().setPort(5000);
        given.getServer().setPod(new PodSettings());
        given.getServer().getPod().setNodeSelector(Map.of("disk", "ssd"));
        given.setTls(new TlsSpec());
        given.getTls().setDuration("90m");

        JsonNode described = EffectiveSpec.resolve(given, IMAGES, "cluster.local").describe(given);

        assertEquals(5000, described.at("/server/port").asInt());
        assertEquals("ssd", described.at("/server/pod/nodeSelector/disk").asText(), "a field without a default stays");
        assertEquals("100m", described.at("/server/pod/resources/requests/cpu").asText());
        assertEquals(1, described.at("/server/replicas").asInt());
        assertEquals("registry/server:1", described.at("/server/image").asText());
        assertEquals("registry/client:1", described.at("/client/image").asText());
        assertEquals("1s", described.at("/client/interval").asText());
        assertEquals("stream", described.at("/client/mode").asText());
        assertEquals("1h30m", described.at("/tls/duration").asText());
        assertEquals("30m", described.at("/tls/renewBefore").asText(), "a third of the duration");
        assertTrue(described.at("/tls/mutual").asBoolean());
        assertEquals("ECDSA", described.at("/tls/privateKey/algorithm").asText());
        assertEquals(256, described.at("/tls/privateKey/size").asInt());
        assertEquals("Always", described.at("/tls/privateKey/rotationPolicy").asText());
        assertEquals("cluster.local", described.at("/tls/clusterDomain").asText(), "the operator's --cluster-domain");
        assertEquals(GoDurations.parse("90m").multipliedBy(EffectiveSpec.DEFAULT_CA_LIFETIMES),
                GoDurations.parse(described.at("/tls/caDuration").asText()), "the self-issued CA's lifetime");
        assertTrue(described.at("/recovery/enabled").asBoolean());
        assertEquals("1m", described.at("/recovery/unhealthyAfter").asText());
        assertEquals(6, described.at("/recovery/maxRestartsPerHour").asInt());
        assertNull(given.getClient(), "the given spec is left as it was");
    }

    /**
     * Whatever field of the operator's the CRD gives a default, effectiveSpec shows with the same value (durations
     * compared parsed): the two places that know defaults agree, and no defaulted field is left out.
     */
    @Test
    void showsEveryFieldTheCrdDefaults() {
        JsonNode described = EffectiveSpec.resolve(new PingPongPairSpec(), IMAGES, "cluster.local").describe(new PingPongPairSpec());
        List<String> checked = new ArrayList<>();
        compareDefaults(Manifests.schema().getProperties().get("spec"), "", described, checked);
        assertTrue(checked.size() >= 10, "defaults found in the CRD: " + checked);
    }

    private static void compareDefaults(JSONSchemaProps schema, String path, JsonNode described, List<String> checked) {
        if (schema.getDefault() != null) {
            JsonNode actual = described.at(path);
            assertFalse(actual.isMissingNode(), "effectiveSpec lacks " + path);
            JsonNode expected = schema.getDefault();
            if (expected.isTextual() && expected.asText().matches(GoDurations.PATTERN)) {
                assertEquals(GoDurations.parse(expected.asText()), GoDurations.parse(actual.asText()), path);
            } else {
                assertEquals(expected.asText(), actual.asText(), path);
            }
            checked.add(path);
        }
        // below an object effectiveSpec leaves out (Kubernetes' own pod types), nothing is the operator's default
        if (schema.getProperties() != null && !described.at(path).isMissingNode()) {
            schema.getProperties().forEach((name, child) -> compareDefaults(child, path + "/" + name, described, checked));
        }
    }
}
