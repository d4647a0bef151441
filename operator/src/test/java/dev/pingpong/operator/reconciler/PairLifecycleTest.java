package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.isTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.certs.CertificateHashes;
import dev.pingpong.certs.CommonNames;
import dev.pingpong.certs.Pem;
import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.PairName;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.RecoverySpec;
import dev.pingpong.operator.model.ServerSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator on the mock API server: a pair's children, its status, spec changes and lost children. */
class PairLifecycleTest extends OperatorOnMockServer {

    private static KubernetesClient client;

    @BeforeAll
    static void client() {
        client = cluster.client();
    }

    @Test
    void createsEveryChildAndBecomesReady() throws CertificateParsingException {
        String ns = "create";
        long before = metrics.reconciliations();
        PingPongPair pair = cluster.createPair(ns, "demo", new PingPongPairSpec());
        Children children = Children.of(pair);

        await("both Deployments", () -> cluster.deployment(children, Side.CLIENT) != null
                && cluster.deployment(children, Side.SERVER) != null);
        Secret ca = secret(ns, "demo-ca");
        assertEquals("Opaque", ca.getType());
        assertEquals(Set.of("ca.crt", "ca.key"), ca.getData().keySet());
        Secret serverTls = secret(ns, "demo-server-tls");
        assertEquals("kubernetes.io/tls", serverTls.getType());
        assertEquals(Set.of("tls.crt", "tls.key", "ca.crt"), serverTls.getData().keySet());
        assertEquals(ca.getData().get("ca.crt"), serverTls.getData().get("ca.crt"));
        assertNotNull(secret(ns, "demo-client-tls"), "mutual TLS is the default");
        assertEquals(List.of("demo-server", "demo-server.create", "demo-server.create.svc",
                "demo-server.create.svc.cluster.local"), dnsNames(serverTls));

        Service service = client.services().inNamespace(ns).withName("demo-server").get();
        assertEquals(List.of("webtransport/UDP/4433", "http/TCP/8080"), service.getSpec().getPorts().stream()
                .map(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort()).toList());

        Container server = container(cluster.deployment(children, Side.SERVER));
        assertEquals(List.of("--port", "4433", "--cert", "/tls/tls.crt", "--key", "/tls/tls.key", "--health-port",
                "8080", "--client-ca", "/tls/ca.crt", "--client-auth", "require"), server.getArgs());
        assertEquals("ghcr.io/pingpong-dev/pingpong-server:0.1.0-SNAPSHOT", server.getImage());
        assertEquals("/readyz", server.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/healthz", server.getLivenessProbe().getHttpGet().getPath());
        assertTrue(server.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), server.getSecurityContext().getCapabilities().getDrop());
        assertTrue(server.getVolumeMounts().stream().allMatch(m -> m.getSubPath() == null), "never subPath");

        Container clientContainer = container(cluster.deployment(children, Side.CLIENT));
        assertEquals("https://demo-server.create.svc:4433/pingpong", env(clientContainer, "PINGPONG_SERVER_URL"));
        assertEquals("1s", env(clientContainer, "PINGPONG_INTERVAL"));
        assertEquals("stream", env(clientContainer, "PINGPONG_MODE"));
        assertEquals(List.of("--ca", "/tls/ca.crt", "--health-port", "8080", "--cert", "/tls/tls.crt", "--key",
                "/tls/tls.key"), clientContainer.getArgs());

        Secret clientTls = secret(ns, "demo-client-tls");
        assertEquals("kubernetes.io/tls", clientTls.getType());
        assertEquals(Set.of("tls.crt", "tls.key", "ca.crt"), clientTls.getData().keySet());
        for (HasMetadata child : List.of(ca, serverTls, clientTls, service, cluster.deployment(children, Side.SERVER),
                cluster.deployment(children, Side.CLIENT))) {
            String component = child == clientTls || child.getMetadata().getName().equals("demo-client")
                    ? "client" : "server";
            assertEquals(Map.of("app.kubernetes.io/name", "pingpong", "app.kubernetes.io/instance", "demo",
                    "app.kubernetes.io/component", component, "app.kubernetes.io/managed-by", "pingpong-operator"),
                    child.getMetadata().getLabels(), child.getMetadata().getName());
            assertEquals(1, child.getMetadata().getOwnerReferences().size(), child.getMetadata().getName());
            assertEquals(pair.getMetadata().getUid(), child.getMetadata().getOwnerReferences().get(0).getUid());
            assertEquals("PingPongPair", child.getMetadata().getOwnerReferences().get(0).getKind());
        }

        await("status with endpoint and certificate", () -> {
            PingPongPair current = cluster.pair(ns, "demo");
            return current.getStatus() != null && current.getStatus().getCertificate() != null;
        });
        PingPongPair withStatus = cluster.pair(ns, "demo");
        assertEquals("https://demo-server.create.svc:4433/pingpong", withStatus.getStatus().getServerEndpoint());
        assertTrue(isTrue(cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY)));
        assertEquals("False", cluster.condition(ns, "demo", Conditions.READY).orElseThrow().getStatus());

        cluster.reportReady(children, Side.SERVER, 1);
        cluster.reportReady(children, Side.CLIENT, 1);
        await("Ready=True", () -> isTrue(cluster.condition(ns, "demo", Conditions.READY)));
        System.out.printf("reconciles until Ready: %d%n", metrics.reconciliations() - before);
    }

    @Test
    void followsSpecChangesAndAdvancesObservedGeneration() {
        String ns = "update";
        PingPongPair pair = cluster.createPair(ns, "demo", new PingPongPairSpec());
        Children children = Children.of(pair);
        await("server Deployment", () -> cluster.deployment(children, Side.SERVER) != null);
        await("first status", () -> cluster.pair(ns, "demo").getStatus() != null);
        long firstGeneration = cluster.pair(ns, "demo").getStatus().getObservedGeneration();

        cluster.editSpec(ns, "demo", spec -> {
            ServerSpec server = new ServerSpec();
            server.setPort(5000);
            server.setReplicas(2);
            spec.setServer(server);
            spec.setTls(new TlsSpec());
            spec.getTls().setMutual(false);
        });

        await("server on port 5000 with 2 replicas", () -> {
            Deployment d = cluster.deployment(children, Side.SERVER);
            return d.getSpec().getReplicas() == 2 && container(d).getArgs().contains("5000");
        });
        await("client pointed at port 5000", () -> env(container(cluster.deployment(children, Side.CLIENT)),
                "PINGPONG_SERVER_URL").equals("https://demo-server.update.svc:5000/pingpong"));
        await("client TLS Secret removed without mutual TLS", () -> secret(ns, "demo-client-tls") == null);
        assertTrue(!container(cluster.deployment(children, Side.SERVER)).getArgs().contains("--client-auth"));
        await("observedGeneration advanced", () -> cluster.pair(ns, "demo").getStatus().getObservedGeneration()
                > firstGeneration);
        assertEquals(5000, client.services().inNamespace(ns).withName("demo-server").get().getSpec().getPorts()
                .get(0).getPort());
    }

    @Test
    void recreatesDeletedChildrenFromTheSameCa() {
        String ns = "recreate";
        PingPongPair pair = cluster.createPair(ns, "demo", new PingPongPairSpec());
        Children children = Children.of(pair);
        await("Deployments", () -> cluster.deployment(children, Side.CLIENT) != null);

        client.apps().deployments().inNamespace(ns).withName("demo-server").delete();
        client.secrets().inNamespace(ns).withName("demo-server-tls").delete();
        await("server Deployment recreated", () -> cluster.deployment(children, Side.SERVER) != null);
        await("server Secret recreated", () -> secret(ns, "demo-server-tls") != null);
        assertEquals(secret(ns, "demo-ca").getData().get("ca.crt"), secret(ns, "demo-server-tls").getData().get("ca.crt"),
                "reissued from the same CA");
    }

    @Test
    void reportsAnInvalidSpecWithoutRetryingAndRecoversWhenFixed() throws InterruptedException {
        String ns = "invalid";
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setDuration("30s");
        spec.setRecovery(new RecoverySpec());
        spec.getRecovery().setUnhealthyAfter("a minute");
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> cluster.createPair(ns, "broken", spec));
        assertEquals(422, refused.getCode(), "the CRD refuses it on a real API server");
        MockCluster.createPair(cluster.legacyClient(), ns, "broken", spec);

        await("Ready=False InvalidSpec", () -> cluster.condition(ns, "broken", Conditions.READY)
                .map(c -> "InvalidSpec".equals(c.getReason())).orElse(false));
        String message = cluster.condition(ns, "broken", Conditions.READY).orElseThrow().getMessage();
        assertTrue(message.contains("tls.duration") && message.contains("recovery.unhealthyAfter"), message);
        String version = cluster.pair(ns, "broken").getMetadata().getResourceVersion();
        Thread.sleep(1500);
        assertEquals(version, cluster.pair(ns, "broken").getMetadata().getResourceVersion(),
                "an invalid spec is no error to retry: the status is written once");
        assertNull(secret(ns, "broken-ca"), "nothing is created for an invalid spec");
        assertEquals(1, client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(event -> "InvalidSpec".equals(event.getReason())
                        && "broken".equals(event.getInvolvedObject().getName())).count(),
                "one Event tells kubectl describe");

        cluster.editSpec(ns, "broken", fixed -> {
            fixed.getTls().setDuration("1h");
            fixed.getRecovery().setUnhealthyAfter("1m");
        });
        await("children once the spec is fixed", () -> secret(ns, "broken-server-tls") != null);
        await("InvalidSpec cleared", () -> cluster.condition(ns, "broken", Conditions.READY)
                .map(c -> !"InvalidSpec".equals(c.getReason())).orElse(false));
    }

    @Test
    void reportsASpecMadeInvalidAfterItWorked() {
        String ns = "broken-later";
        cluster.createPair(ns, "demo", new PingPongPairSpec());
        await("first status", () -> cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY).isPresent());

        long generation = MockCluster.editSpec(cluster.legacyClient(), ns, "demo", spec -> {
            spec.setTls(new TlsSpec());
            spec.getTls().setDuration("30s");
        });

        await("Ready=False InvalidSpec over the earlier status", () -> cluster.condition(ns, "demo", Conditions.READY)
                .map(c -> "InvalidSpec".equals(c.getReason()) && c.getMessage().contains("tls.duration")).orElse(false));
        assertEquals(generation, cluster.pair(ns, "demo").getStatus().getObservedGeneration());
    }

    @Test
    void aPairScaledToZeroIsNotReady() {
        String ns = "zero";
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setServer(new ServerSpec());
        spec.getServer().setReplicas(0);
        Children children = Children.of(cluster.createPair(ns, "demo", spec));
        await("both Deployments", () -> cluster.deployment(children, Side.CLIENT) != null);
        cluster.reportReady(children, Side.SERVER, 0);
        cluster.reportReady(children, Side.CLIENT, 1);
        await("Ready=False ScaledToZero", () -> cluster.condition(ns, "demo", Conditions.READY)
                .map(c -> "False".equals(c.getStatus()) && "ScaledToZero".equals(c.getReason())).orElse(false));
        assertTrue(isTrue(cluster.condition(ns, "demo", Conditions.SERVER_READY)), "the server side is as asked");
    }

    @Test
    void reportsApiFailuresInTheStatus() {
        cluster.forbidPosts("/apis/apps/v1/namespaces/failing/deployments");
        cluster.createPair("failing", "demo", new PingPongPairSpec());
        await("Ready=False ReconcileError", () -> cluster.condition("failing", "demo", Conditions.READY)
                .map(c -> "ReconcileError".equals(c.getReason())).orElse(false));
        String message = cluster.condition("failing", "demo", Conditions.READY).orElseThrow().getMessage();
        assertTrue(message.contains("server-deployment: API server answered 403 Forbidden"), message);
        assertNotNull(secret("failing", "demo-server-tls"), "what could be written was written");
        String statusPath = "/apis/pingpong.dev/v1alpha1/namespaces/failing/pingpongpairs/demo/status";
        int statusWrites = cluster.requests("PATCH", statusPath);
        long errors = metrics.errors();
        await("another failed retry", () -> metrics.errors() > errors);
        assertEquals(statusWrites, cluster.requests("PATCH", statusPath),
                "a retry that fails like the last one sends no status patch");
    }

    @Test
    void refusesANameTooLongForItsServiceName() {
        String name = "n".repeat(PairName.MAX_LENGTH + 1);
        KubernetesClientException refused = assertThrows(KubernetesClientException.class,
                () -> cluster.createPair("long", name, new PingPongPairSpec()));
        assertTrue(refused.getMessage().contains(PairName.MESSAGE), refused.getMessage());
        MockCluster.createPair(cluster.legacyClient(), "long", name, new PingPongPairSpec());
        await("Ready=False InvalidSpec", () -> cluster.condition("long", name, Conditions.READY)
                .map(c -> "InvalidSpec".equals(c.getReason())).orElse(false));
        assertTrue(cluster.condition("long", name, Conditions.READY).orElseThrow().getMessage()
                .contains("metadata.name"));
        assertTrue(client.secrets().inNamespace("long").list().getItems().isEmpty());
    }

    @Test
    void issuesCertificatesWithinRfc5280ForTheLongestNamespaceAndName() throws Exception {
        String ns = "n".repeat(63); // a namespace is a DNS label
        String name = "p".repeat(PairName.MAX_LENGTH);
        cluster.createPair(ns, name, new PingPongPairSpec());
        await("status with certificate", () -> {
            PingPongPair current = cluster.pair(ns, name);
            return current.getStatus() != null && current.getStatus().getCertificate() != null;
        });
        assertTrue(isTrue(cluster.condition(ns, name, Conditions.CERTIFICATE_READY)));

        X509Certificate ca = certificate(secret(ns, name + "-ca"), SecretData.CA_CRT);
        X509Certificate server = certificate(secret(ns, name + "-server-tls"), SecretData.TLS_CRT);
        X509Certificate clientLeaf = certificate(secret(ns, name + "-client-tls"), SecretData.TLS_CRT);
        for (X509Certificate certificate : List.of(ca, server, clientLeaf)) {
            assertTrue(commonName(certificate).length() <= CommonNames.MAX_LENGTH, commonName(certificate));
        }
        assertEquals(CommonNames.fit("pingpong ca " + ns + "/" + name), commonName(ca));
        assertTrue(commonName(clientLeaf).matches("pingpong client n+~[0-9a-f]{8}"), commonName(clientLeaf));
        assertEquals(name + "-server", commonName(server), "the Service name fits as it is");
        assertEquals(List.of(name + "-server", name + "-server." + ns, name + "-server." + ns + ".svc",
                name + "-server." + ns + ".svc.cluster.local"), dnsNames(secret(ns, name + "-server-tls")));
        server.verify(ca.getPublicKey());
        clientLeaf.verify(ca.getPublicKey());
        assertEquals(CertificateHashes.sha256Hex(server), cluster.pair(ns, name).getStatus().getCertificate().getSha256(),
                "status carries the hash clients pin, computed by the same code");
    }

    private static X509Certificate certificate(Secret secret, String key) throws Exception {
        return Pem.readCertificates(SecretData.read(secret, key).orElseThrow().getBytes(StandardCharsets.US_ASCII)).get(0);
    }

    private static String commonName(X509Certificate certificate) throws InvalidNameException {
        return new LdapName(certificate.getSubjectX500Principal().getName()).getRdn(0).getValue().toString();
    }

    private static List<String> dnsNames(Secret tls) throws CertificateParsingException {
        IssuedCertificate leaf = IssuedCertificate.parse(SecretData.read(tls, SecretData.TLS_CRT).orElseThrow(),
                SecretData.read(tls, SecretData.TLS_KEY).orElseThrow());
        return leaf.x509Certificate().getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
    }

    private static Secret secret(String ns, String name) {
        return client.secrets().inNamespace(ns).withName(name).get();
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }
}
