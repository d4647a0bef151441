package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.app.GoDurations;
import dev.pingpong.certs.KeyType;
import dev.pingpong.operator.model.ClientMode;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Images;
import dev.pingpong.operator.model.Issuance;
import dev.pingpong.operator.model.IssuerKind;
import dev.pingpong.operator.model.KeyUsage;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PodSettings;
import dev.pingpong.operator.model.RotationPolicy;
import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.runtime.OperatorRuntime;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample fits the CRD schema exactly (no field the API server would drop) and the operator's model; its CEL
 * rules: {@link CrdRulesTest}.
 */
class SamplesTest {

    static Stream<Path> samples() {
        return Manifests.yamlFiles(Manifests.SAMPLES).stream();
    }

    @Test
    void theDocumentedSamplesExist() {
        assertEquals(List.of("pingpong-pair-cert-manager.yaml", "pingpong-pair-certificate-settings.yaml",
                "pingpong-pair-datagram-no-mtls.yaml", "pingpong-pair-fast-rotation.yaml", "pingpong-pair-own-ca.yaml",
                "pingpong-pair-placement.yaml", "pingpong-pair.yaml"),
                samples().map(path -> path.getFileName().toString()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleIsAValidPingPongPair(Path sample) {
        List<String> documents = Manifests.documents(sample);
        assertEquals(1, documents.size(), "one pair per sample");
        Map<String, Object> raw = Manifests.rawMap(documents.get(0));
        assertEquals("pingpong.dev/v1alpha1", raw.get("apiVersion"));
        assertEquals("PingPongPair", raw.get("kind"));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) raw.get("metadata");
        String name = (String) metadata.get("name");
        // NAME-server is a Service name: a DNS-1035 label of at most 63 characters.
        assertTrue(name.matches("[a-z]([-a-z0-9]*[a-z0-9])?") && (name + "-server").length() <= 63, name);
        assertNull(metadata.get("namespace"), "samples go to the namespace of the current context");
        assertEquals(List.of(), SchemaCheck.violations(raw.get("spec"),
                Manifests.schema().getProperties().get("spec"), "spec"));

        PingPongPair pair = Manifests.SERIALIZATION.unmarshal(documents.get(0), PingPongPair.class);
        assertEquals(name, pair.getMetadata().getName());
        assertNotNull(pair.getSpec());
        assertEquals(raw.get("spec"), Manifests.rawMap(Manifests.SERIALIZATION.asYaml(pair.getSpec())),
                "the model keeps every field of the sample");
    }

    @Test
    void datagramSampleTurnsMutualTlsOff() {
        PingPongPair pair = pair("pingpong-pair-datagram-no-mtls.yaml");
        assertEquals(ClientMode.DATAGRAM, pair.getSpec().getClient().getMode());
        assertEquals(Boolean.FALSE, pair.getSpec().getTls().getMutual());
    }

    @Test
    void certManagerSampleNamesAClusterIssuer() {
        PingPongPair pair = pair("pingpong-pair-cert-manager.yaml");
        assertEquals(TlsIssuer.CERT_MANAGER, pair.getSpec().getTls().getIssuer());
        assertEquals("pingpong-ca", pair.getSpec().getTls().getIssuerRef().getName());
        assertEquals(IssuerKind.ClusterIssuer, pair.getSpec().getTls().getIssuerRef().getKind());
    }

    @Test
    void fastRotationSampleRenewsEveryFewMinutes() {
        PingPongPair pair = pair("pingpong-pair-fast-rotation.yaml");
        Duration duration = GoDurations.parse(pair.getSpec().getTls().getDuration());
        Duration renewBefore = GoDurations.parse(pair.getSpec().getTls().getRenewBefore());
        assertEquals(Duration.ofMinutes(10), duration);
        assertEquals(Duration.ofMinutes(5), renewBefore);
    }

    @Test
    void placementSampleSpreadsAndGuardsTheServerAndLabelsBothSides() {
        PingPongPair pair = pair("pingpong-pair-placement.yaml");
        PodSettings server = pair.getSpec().getServer().getPod();
        assertEquals(2, pair.getSpec().getServer().getReplicas(),
                "anti-affinity, spreading and a minAvailable of 1 need more than one");
        assertEquals(new IntOrString(1), pair.getSpec().getServer().getPodDisruptionBudget().getMinAvailable());
        assertEquals(List.of("monitoring"), pair.getSpec().getServer().getNetworkPolicy().getAllowedNamespaces());
        assertEquals("topology.kubernetes.io/zone", server.getTopologySpreadConstraints().get(0).getTopologyKey());
        assertEquals(Map.of("team", "networking"), server.getLabels());
        assertEquals(server.getLabels(), pair.getSpec().getClient().getPod().getLabels());
        EffectiveSpec.resolve(pair.getSpec(), Images.ofThisVersion(), OperatorRuntime.DEFAULT_CLUSTER_DOMAIN);
    }

    @Test
    void certificateSettingsSampleSetsEveryCertificateSetting() {
        EffectiveSpec spec = EffectiveSpec.resolve(pair("pingpong-pair-certificate-settings.yaml").getSpec(),
                Images.ofThisVersion(), "cluster.example");
        Issuance issuance = spec.issuance();
        assertEquals(new KeyType(KeyType.Algorithm.EC, 384), issuance.key());
        assertEquals(RotationPolicy.NEVER, issuance.rotationPolicy());
        assertEquals(Set.of(KeyUsage.KEY_AGREEMENT), issuance.usages());
        assertEquals(List.of("pingpong.example.com"), issuance.dnsNames());
        assertEquals("cluster.local", issuance.clusterDomain(), "the pair's domain wins over the operator's");
        assertEquals(Duration.ofDays(30), issuance.caDuration());
    }

    @Test
    void ownCaSampleSignsWithTheCaInASecret() {
        EffectiveSpec spec = EffectiveSpec.resolve(pair("pingpong-pair-own-ca.yaml").getSpec(), Images.ofThisVersion(),
                OperatorRuntime.DEFAULT_CLUSTER_DOMAIN);
        assertEquals(TlsIssuer.SECRET, spec.tlsIssuer());
        assertEquals(Optional.of("team-ca"), spec.issuance().caSecretName());
    }

    @Test
    void defaultSampleLeavesEverythingToTheDefaults() {
        assertEquals(Map.of(), Manifests.rawMap(Manifests.documents(Manifests.SAMPLES.resolve("pingpong-pair.yaml")).get(0)).get("spec"));
    }

    @Test
    void theSchemaCheckCatchesTyposAndBadValues() {
        Map<String, Object> spec = Manifests.rawMap("""
                tls:
                  mutal: false
                  duration: 10 minutes
                client:
                  mode: udp
                  replicas: -1
                server:
                  port: "4433"
                """);
        List<String> violations = SchemaCheck.violations(spec, Manifests.schema().getProperties().get("spec"), "spec");
        assertEquals(5, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("spec.tls.mutal: unknown field")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("spec.tls.duration: \"10 minutes\" does not match")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("spec.client.mode: \"udp\" is not one of")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("spec.client.replicas: -1 is below")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("spec.server.port: expected an integer")), violations.toString());
    }

    private static PingPongPair pair(String file) {
        return Manifests.SERIALIZATION.unmarshal(Manifests.read(Manifests.SAMPLES.resolve(file)), PingPongPair.class);
    }
}
