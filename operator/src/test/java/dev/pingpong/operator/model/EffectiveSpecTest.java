package dev.pingpong.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.certs.CertificateTemplate.KeyUse;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.KeyType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectiveSpecTest {

    private static final Images IMAGES = new Images("registry/server:1", "registry/client:1");
    private static final String DOMAIN = "cluster.local";

    @Test
    void appliesEveryDefaultToAnEmptySpec() {
        EffectiveSpec spec = EffectiveSpec.resolve(null, IMAGES, DOMAIN);
        assertEquals(new EffectiveSpec("registry/server:1", 1, 4433, "registry/client:1", 1, Duration.ofSeconds(1),
                ClientMode.STREAM, Duration.ofHours(240), Duration.ofHours(80), true, TlsIssuer.SELF, Optional.empty(),
                new Issuance(Optional.empty(), KeyType.P256, RotationPolicy.ALWAYS, Set.of(), List.of(),
                        DOMAIN, Duration.ofHours(2400)),
                true, Duration.ofSeconds(60), 6, podWithResources("512Mi"), podWithResources("256Mi"),
                new DisruptionBudget(true, null, new IntOrString(1)), new ServerNetworkPolicy(false, List.of())), spec);
    }

    @Test
    void aDisruptionBudgetBoundIsACountOrAPercentageAndOnlyOneIsSet() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setServer(new ServerSpec());
        given.getServer().setPodDisruptionBudget(new DisruptionBudgetSpec());
        given.getServer().getPodDisruptionBudget().setMinAvailable(new IntOrString("100%"));
        assertEquals(new DisruptionBudget(true, new IntOrString("100%"), null),
                EffectiveSpec.resolve(given, IMAGES, DOMAIN).serverDisruptionBudget(), "no default maxUnavailable beside it");

        given.getServer().getPodDisruptionBudget().setMinAvailable(new IntOrString("101%"));
        given.getServer().getPodDisruptionBudget().setMaxUnavailable(new IntOrString(-1));
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertEquals("server.podDisruptionBudget.minAvailable: \"101%\" is neither a count >= 0 nor a percentage 0%..100%; "
                + "server.podDisruptionBudget.maxUnavailable: -1 is neither a count >= 0 nor a percentage 0%..100%; "
                + "server.podDisruptionBudget: set minAvailable or maxUnavailable, not both", error.getMessage());
    }

    @Test
    void aNetworkPolicyAdmitsOnlyNamespaceNames() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setServer(new ServerSpec());
        given.getServer().setNetworkPolicy(new NetworkPolicySpec());
        given.getServer().getNetworkPolicy().setEnabled(true);
        given.getServer().getNetworkPolicy().setAllowedNamespaces(List.of("monitoring", "team-a"));
        assertEquals(new ServerNetworkPolicy(true, List.of("monitoring", "team-a")),
                EffectiveSpec.resolve(given, IMAGES, DOMAIN).serverNetworkPolicy());
        given.getServer().getNetworkPolicy().setAllowedNamespaces(List.of("Team_A", "n".repeat(64)));
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertTrue(error.getMessage().startsWith("server.networkPolicy.allowedNamespaces: \"Team_A\" is not a namespace"
                + " name (a DNS-1123 label); server.networkPolicy.allowedNamespaces: \"nnnn"), error.getMessage());
    }

    @Test
    void podSettingsPassThroughAndResourcesReplaceTheDefaultAsAWhole() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setServer(new ServerSpec());
        PodSettings pod = new PodSettings();
        pod.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build());
        pod.setNodeSelector(Map.of("disktype", "ssd"));
        pod.setLabels(Map.of("team", "net", "app.kubernetes.io/part-of", "pingpong"));
        pod.setAnnotations(Map.of("example.com/owner", "net"));
        given.getServer().setPod(pod);
        EffectiveSpec spec = EffectiveSpec.resolve(given, IMAGES, DOMAIN);
        assertEquals(Map.of("memory", new Quantity("1Gi")), spec.pod(Side.SERVER).getResources().getLimits());
        assertTrue(spec.pod(Side.SERVER).getResources().getRequests().isEmpty(), "no default merged into what was set");
        assertEquals(Map.of("disktype", "ssd"), spec.pod(Side.SERVER).getNodeSelector());
        assertEquals(pod.getLabels(), spec.pod(Side.SERVER).getLabels());
        assertEquals(podWithResources("256Mi"), spec.pod(Side.CLIENT));
        assertTrue(pod.getResources().getRequests().isEmpty(), "the pair's own spec is left alone");
    }

    @Test
    void refusesTheOperatorsOwnLabelAndAnnotationKeys() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setServer(new ServerSpec());
        given.getServer().setPod(new PodSettings());
        given.getServer().getPod().setLabels(Map.of("app.kubernetes.io/instance", "other", "team", "net"));
        given.setClient(new ClientSpec());
        given.getClient().setPod(new PodSettings());
        given.getClient().getPod().setLabels(Map.of("app.kubernetes.io/component", "server"));
        given.getClient().getPod().setAnnotations(Map.of("pingpong.dev/restartedAt", "2026-01-01T00:00:00Z"));
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertEquals("server.pod.labels: \"app.kubernetes.io/instance\" is set by the operator; "
                + "client.pod.labels: \"app.kubernetes.io/component\" is set by the operator; "
                + "client.pod.annotations: \"pingpong.dev/restartedAt\" is set by the operator", error.getMessage());
    }

    @Test
    void boundsThePodSettingsLikeTheCrd() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setClient(new ClientSpec());
        given.getClient().setPod(new PodSettings());
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i <= PodSettings.MAX_ENTRIES; i++) {
            many.put("key" + i, "v");
        }
        given.getClient().getPod().setNodeSelector(many);
        given.getClient().getPod().setPriorityClassName("p".repeat(PodSettings.MAX_NAME + 1));
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertEquals("client.pod.nodeSelector: 65 entries, at most 64; client.pod.priorityClassName: longer than 253"
                + " characters", error.getMessage());
    }

    private static PodSettings podWithResources(String memoryLimit) {
        PodSettings pod = new PodSettings();
        pod.setResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("128Mi")).addToLimits("memory", new Quantity(memoryLimit)).build());
        return pod;
    }

    @Test
    void keepsWhatTheUserSet() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setClient(new ClientSpec());
        given.getClient().setInterval("250ms");
        given.getClient().setMode(ClientMode.DATAGRAM);
        given.setTls(new TlsSpec());
        given.getTls().setDuration("1h");
        given.getTls().setRenewBefore("10m");
        given.getTls().setMutual(false);
        EffectiveSpec spec = EffectiveSpec.resolve(given, IMAGES, DOMAIN);
        assertEquals(Duration.ofMillis(250), spec.clientInterval());
        assertEquals(ClientMode.DATAGRAM, spec.clientMode());
        assertEquals(Duration.ofMinutes(10), spec.tlsRenewBefore());
        assertFalse(spec.mutualTls());
    }

    @Test
    void listsEveryProblemAtOnce() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setServer(new ServerSpec());
        given.getServer().setPort(70000);
        given.getServer().setReplicas(-1);
        given.setTls(new TlsSpec());
        given.getTls().setDuration("59s");
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertTrue(error.getMessage().contains("server.port"), error.getMessage());
        assertTrue(error.getMessage().contains("server.replicas"), error.getMessage());
        assertTrue(error.getMessage().contains("tls.duration"), error.getMessage());
    }

    @Test
    void readsEveryGoDurationAndRefusesOnesBelowTheMinimum() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setClient(new ClientSpec());
        given.getClient().setInterval(".5s");
        given.setRecovery(new RecoverySpec());
        given.getRecovery().setUnhealthyAfter("1.m");
        assertEquals(Duration.ofMillis(500), EffectiveSpec.resolve(given, IMAGES, DOMAIN).clientInterval());
        assertEquals(Duration.ofMinutes(1), EffectiveSpec.resolve(given, IMAGES, DOMAIN).unhealthyAfter());

        given.getClient().setInterval("-1s");
        given.setTls(new TlsSpec());
        given.getTls().setDuration("59s");
        given.getRecovery().setUnhealthyAfter("3000000h");
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertTrue(error.getMessage().contains("client.interval: \"-1s\" is shorter than the minimum 0s"), error.getMessage());
        assertTrue(error.getMessage().contains("tls.duration: \"59s\" is shorter than the minimum 1m"), error.getMessage());
        assertTrue(error.getMessage().contains("recovery.unhealthyAfter: invalid duration \"3000000h\": out of range"),
                error.getMessage());
    }

    @Test
    void refusesARenewBeforeNotShorterThanTheDuration() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setTls(new TlsSpec());
        given.getTls().setDuration("2m");
        given.getTls().setRenewBefore("2m");
        assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
    }

    @Test
    void keepsTheCertificateSettingsTheUserSet() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setTls(new TlsSpec());
        given.getTls().setDuration("1h");
        given.getTls().setIssuer(TlsIssuer.SELF);
        given.getTls().setPrivateKey(new PrivateKeySpec());
        given.getTls().getPrivateKey().setAlgorithm(KeyAlgorithm.RSA);
        given.getTls().getPrivateKey().setRotationPolicy(RotationPolicy.NEVER);
        given.getTls().setUsages(List.of(KeyUsage.CLIENT_AUTH, KeyUsage.KEY_ENCIPHERMENT, KeyUsage.CLIENT_AUTH));
        given.getTls().setDnsNames(List.of("pingpong.example.com", "*.pingpong.example.com"));
        given.getTls().setClusterDomain("cluster.example");
        given.getTls().setCaDuration("3h");
        Issuance issuance = EffectiveSpec.resolve(given, IMAGES, DOMAIN).issuance();
        assertEquals(new Issuance(Optional.empty(), new KeyType(KeyType.Algorithm.RSA, 2048),
                RotationPolicy.NEVER, Set.of(KeyUsage.CLIENT_AUTH, KeyUsage.KEY_ENCIPHERMENT),
                List.of("pingpong.example.com", "*.pingpong.example.com"), "cluster.example", Duration.ofHours(3)),
                issuance);
        assertEquals(Set.of(Purpose.SERVER_AUTH, Purpose.CLIENT_AUTH), issuance.purposes(Purpose.SERVER_AUTH));
        assertEquals(Set.of(Purpose.CLIENT_AUTH), issuance.purposes(Purpose.CLIENT_AUTH));
        assertEquals(Set.of(KeyUse.KEY_ENCIPHERMENT), issuance.keyUses());
    }

    @Test
    void refusesEveryBadCertificateSettingAtOnce() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setTls(new TlsSpec());
        given.getTls().setDuration("1h");
        given.getTls().setPrivateKey(new PrivateKeySpec());
        given.getTls().getPrivateKey().setSize(2048);
        given.getTls().setDnsNames(List.of("ok.example", "10.0.0.1", "Upper.example"));
        given.getTls().setClusterDomain("cluster_local");
        given.getTls().setCaDuration("2h59m59s");
        given.getTls().setCaSecretName("my-ca");
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        for (String expected : List.of(
                "tls.caSecretName is required with tls.issuer secret, and only then",
                "tls.privateKey.size must be 256 or 384 for ECDSA, 2048, 3072 or 4096 for RSA, not 2048 for ECDSA",
                "tls.dnsNames[1]: \"10.0.0.1\" is not a DNS name", "tls.dnsNames[2]: \"Upper.example\" is not a DNS name",
                "tls.clusterDomain: \"cluster_local\" is not a DNS domain name",
                "tls.caDuration must be at least 3 times tls.duration")) {
            assertTrue(error.getMessage().contains(expected), expected + " in: " + error.getMessage());
        }
        assertFalse(error.getMessage().contains("ok.example"), error.getMessage());
    }

    @Test
    void aCaSecretGoesWithTheSecretIssuerAndACaDurationWithTheSelfIssuerOnly() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setTls(new TlsSpec());
        given.getTls().setIssuer(TlsIssuer.SECRET);
        InvalidSpecException missing = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertTrue(missing.getMessage().contains("tls.caSecretName is required"), missing.getMessage());

        given.getTls().setCaSecretName("team-ca");
        assertEquals(Optional.of("team-ca"), EffectiveSpec.resolve(given, IMAGES, DOMAIN).issuance().caSecretName());
        given.getTls().setCaDuration("2400h");
        InvalidSpecException caDuration = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertTrue(caDuration.getMessage().contains("tls.caDuration applies to tls.issuer self only"), caDuration.getMessage());
        assertFalse(caDuration.getMessage().contains("tls.caSecretName"), caDuration.getMessage());
    }

    @Test
    void certManagerTakesTheIssuerRefWithItsDefaults() {
        PingPongPairSpec given = certManager("ca-issuer");
        EffectiveSpec spec = EffectiveSpec.resolve(given, IMAGES, DOMAIN);
        assertTrue(spec.certManager());
        assertEquals(Optional.of(new IssuerReference("ca-issuer", IssuerKind.Issuer, "cert-manager.io")), spec.issuerRef());
    }

    @Test
    void anIssuerRefGoesWithCertManagerOnly() {
        InvalidSpecException missing = assertThrows(InvalidSpecException.class,
                () -> EffectiveSpec.resolve(certManagerWithout(), IMAGES, DOMAIN));
        assertEquals(EffectiveSpec.ISSUER_REF_RULE, missing.getMessage());

        PingPongPairSpec self = certManager("ca-issuer");
        self.getTls().setIssuer(TlsIssuer.SELF);
        InvalidSpecException extra = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(self, IMAGES, DOMAIN));
        assertEquals(EffectiveSpec.ISSUER_REF_RULE, extra.getMessage());
    }

    @Test
    void refusesIssuerNamesAndLifetimesCertManagerWouldRefuse() {
        PingPongPairSpec given = certManager("CA_Issuer");
        given.getTls().getIssuerRef().setGroup("-bad");
        given.getTls().setDuration("59m");
        given.getTls().setRenewBefore("4m");
        InvalidSpecException error = assertThrows(InvalidSpecException.class, () -> EffectiveSpec.resolve(given, IMAGES, DOMAIN));
        assertTrue(error.getMessage().contains("tls.issuerRef.name: \"CA_Issuer\" is not a DNS subdomain"),
                error.getMessage());
        assertTrue(error.getMessage().contains("tls.issuerRef.group: \"-bad\" is not a DNS subdomain"), error.getMessage());
        assertTrue(error.getMessage().contains(EffectiveSpec.CERT_MANAGER_DURATION_RULE), error.getMessage());
        assertTrue(error.getMessage().contains(EffectiveSpec.CERT_MANAGER_RENEW_BEFORE_RULE), error.getMessage());
    }

    private static PingPongPairSpec certManager(String issuer) {
        PingPongPairSpec given = certManagerWithout();
        given.getTls().setIssuerRef(new IssuerRef());
        given.getTls().getIssuerRef().setName(issuer);
        return given;
    }

    private static PingPongPairSpec certManagerWithout() {
        PingPongPairSpec given = new PingPongPairSpec();
        given.setTls(new TlsSpec());
        given.getTls().setIssuer(TlsIssuer.CERT_MANAGER);
        return given;
    }

    @Test
    void theDefaultImagesAreThoseOfThisVersion() {
        Images images = Images.ofThisVersion();
        assertTrue(images.server().matches("[^$]+/pingpong-server:[^$]+"), images.server());
        assertTrue(images.client().matches("[^$]+/pingpong-client:[^$]+"), images.client());
    }
}
