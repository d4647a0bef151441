package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.isTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.certs.CertificateHashes;
import dev.pingpong.certs.Pem;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.dependent.RestartMarks;
import dev.pingpong.operator.dependent.SecretData;
import dev.pingpong.operator.model.CertificateStatus;
import dev.pingpong.operator.model.IssuerKind;
import dev.pingpong.operator.model.IssuerRef;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsIssuer;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.FakeCertManager;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tls.issuer certManager against a test API server that knows cert-manager's Certificate CRD, with a fake cert-manager
 * issuing from a CA of its own: the operator writes the Certificates, cert-manager the Secrets, and the status tells
 * what cert-manager did.
 */
class CertManagerIssuerTest extends OperatorOnMockServer {

    private static FakeCertManager certManager;

    @BeforeAll
    static void installCertManager() {
        cluster.installCertManagerCrd();
        certManager = FakeCertManager.start(cluster.client());
    }

    @AfterAll
    static void stopCertManager() {
        certManager.close();
    }

    @Test
    void aPairIssuedByCertManagerBecomesReadyWithItsCertificateInTheStatus() throws Exception {
        String ns = "cm-ready";
        Children children = createPair(ns, "ca-issuer", IssuerKind.ClusterIssuer, tls -> { });
        await("CertificateReady", () -> isTrue(cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY)));

        Certificate server = certificate(children, Side.SERVER);
        assertEquals(children.tlsSecret(Side.SERVER), server.getSpec().getSecretName());
        assertEquals(List.of("demo-server", "demo-server." + ns, "demo-server." + ns + ".svc",
                "demo-server." + ns + ".svc.cluster.local"), server.getSpec().getDnsNames());
        assertEquals("ca-issuer", server.getSpec().getIssuerRef().getName());
        assertEquals("ClusterIssuer", server.getSpec().getIssuerRef().getKind());
        assertEquals("cert-manager.io", server.getSpec().getIssuerRef().getGroup());
        assertEquals(Duration.ofHours(240), server.getSpec().getDuration().getDuration());
        assertEquals(Duration.ofHours(80), server.getSpec().getRenewBefore().getDuration());
        assertEquals("ECDSA", server.getSpec().getPrivateKey().getAlgorithm());
        assertEquals(256, server.getSpec().getPrivateKey().getSize());
        assertEquals("PKCS8", server.getSpec().getPrivateKey().getEncoding());
        assertEquals("Always", server.getSpec().getPrivateKey().getRotationPolicy());
        assertEquals(List.of("digital signature", "server auth"), server.getSpec().getUsages());
        assertEquals(children.labels(Side.SERVER), server.getSpec().getSecretTemplate().getLabels());
        Certificate client = certificate(children, Side.CLIENT);
        assertEquals(children.tlsSecret(Side.CLIENT), client.getSpec().getSecretName());
        assertEquals(List.of("digital signature", "client auth"), client.getSpec().getUsages());
        assertEquals(children.commonName("client"), client.getSpec().getCommonName());

        X509Certificate served = leaf(secret(children, Side.SERVER));
        CertificateStatus status = cluster.pair(ns, "demo").getStatus().getCertificate();
        assertEquals(CertificateHashes.sha256Hex(served), status.getSha256());
        assertEquals(Conditions.timestamp(served.getNotAfter().toInstant()), status.getNotAfter());
        assertEquals(certificate(children, Side.SERVER).getStatus().getRenewalTime(), status.getRenewAt());
        assertEquals(certManager.caPem(), SecretData.read(secret(children, Side.SERVER), SecretData.CA_CRT).orElseThrow());
        assertNull(cluster.client().secrets().inNamespace(ns).withName(children.caSecret()).get(),
                "no CA of the pair's own");

        cluster.reportReady(children, Side.SERVER, 1);
        cluster.reportReady(children, Side.CLIENT, 1);
        await("Ready", () -> isTrue(cluster.condition(ns, "demo", Conditions.READY)));
    }

    @Test
    void aCertificateCertManagerCannotIssueIsReportedInItsWordsAndRestartsNothing() {
        String ns = "cm-missing-issuer";
        certManager.issuerMissing("nowhere");
        Children children = createPair(ns, "nowhere", IssuerKind.Issuer, tls -> { });
        await("CertificateReady False from cert-manager", () -> cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY)
                .filter(c -> FakeCertManager.NOT_FOUND_REASON.equals(c.getReason())).isPresent());
        Condition condition = cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY).orElseThrow();
        assertEquals("False", condition.getStatus());
        assertTrue(condition.getMessage().startsWith("Certificate demo-server-tls is not ready: Issuing certificate as "
                + "Secret does not exist; referenced Issuer nowhere not found"), condition.getMessage());
        assertNull(cluster.pair(ns, "demo").getStatus().getCertificate(), "no certificate issued yet");
        Condition ready = cluster.condition(ns, "demo", Conditions.READY).orElseThrow();
        assertEquals(FakeCertManager.NOT_FOUND_REASON, ready.getReason(), "no certificate at all is what to fix");

        await("server Deployment", () -> cluster.deployment(children, Side.SERVER) != null);
        cluster.putPod(children, Side.SERVER, "demo-server-0", false, "ContainerCreating", clock.instant());
        clock.advance(Duration.ofMinutes(2));
        cluster.nudge(children, Side.SERVER);
        await("the server waits for its Secret", () -> cluster.condition(ns, "demo", Conditions.SERVER_READY)
                .filter(c -> c.getMessage().contains("waiting for Secret demo-server-tls to hold a certificate"))
                .isPresent());
        assertNull(cluster.deployment(children, Side.SERVER).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(RestartMarks.RESTARTED_AT), "not restarted: a restart cannot bring the Secret");
    }

    @Test
    void aRenewalByCertManagerReachesTheStatusWithoutRestartingPods() throws Exception {
        String ns = "cm-renewal";
        Children children = createPair(ns, "ca-issuer", IssuerKind.Issuer, tls -> { });
        await("CertificateReady", () -> isTrue(cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY)));
        await("server Deployment", () -> cluster.deployment(children, Side.SERVER) != null);
        String before = cluster.pair(ns, "demo").getStatus().getCertificate().getSha256();
        Deployment deploymentBefore = cluster.deployment(children, Side.SERVER);

        certManager.renew(ns, children.certificate(Side.SERVER));
        String renewed = CertificateHashes.sha256Hex(leaf(secret(children, Side.SERVER)));
        assertNotEquals(before, renewed);
        await("status shows the renewed certificate",
                () -> renewed.equals(cluster.pair(ns, "demo").getStatus().getCertificate().getSha256()));
        await("a Renewed Event", () -> cluster.events(ns, PairEvents.RENEWED).size() == 1);
        assertTrue(cluster.events(ns, PairEvents.RENEWED).get(0).getMessage().startsWith(
                "cert-manager renewed the certificate in Secret demo-server-tls, valid until "));
        Deployment deploymentAfter = cluster.deployment(children, Side.SERVER);
        assertEquals(deploymentBefore.getMetadata().getGeneration(), deploymentAfter.getMetadata().getGeneration(),
                "the pods read the renewed files; nothing restarts them");
        assertEquals(deploymentBefore.getSpec().getTemplate(), deploymentAfter.getSpec().getTemplate());
    }

    @Test
    void renewNowMarksTheCertificatesAsCmctlRenewDoesAndEachNewCertificateIsAnEvent() {
        String ns = "cm-renew-now";
        Children children = createPair(ns, "ca-issuer", IssuerKind.Issuer, tls -> { });
        await("CertificateReady", () -> isTrue(cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY)));
        await("an Issued Event per Secret", () -> cluster.events(ns, PairEvents.ISSUED).size() == 2);
        String server = children.certificate(Side.SERVER);
        String client = children.certificate(Side.CLIENT);
        int serverRevision = certManager.revision(ns, server);
        int clientRevision = certManager.revision(ns, client);
        String before = cluster.pair(ns, "demo").getStatus().getCertificate().getSha256();

        cluster.annotate(ns, "demo", PairAnnotations.RENEW_NOW, "2026-03-01T10:05:00Z");

        await("both reissued", () -> certManager.revision(ns, server) > serverRevision
                && certManager.revision(ns, client) > clientRevision);
        assertEquals(1, certManager.manualTriggers(ns, server), "Issuing=True ManuallyTriggered, as cmctl renew writes");
        assertEquals(1, certManager.manualTriggers(ns, client));
        await("the status shows the new certificates and the value handled", () -> {
            CertificateStatus status = cluster.pair(ns, "demo").getStatus().getCertificate();
            return "2026-03-01T10:05:00Z".equals(status.getRenewNowHandled())
                    && CertificateHashes.sha256Hex(leaf(secret(children, Side.SERVER))).equals(status.getSha256())
                    && CertificateHashes.sha256Hex(leaf(secret(children, Side.CLIENT))).equals(status.getClientSha256());
        });
        assertNotEquals(before, cluster.pair(ns, "demo").getStatus().getCertificate().getSha256());
        await("a Renewed Event per Secret", () -> cluster.events(ns, PairEvents.RENEWED).size() == 2);
        List<Event> requested = cluster.events(ns, PairEvents.RENEWAL_REQUESTED);
        assertEquals(1, requested.size());
        assertEquals("asked cert-manager to reissue Certificate demo-server-tls and demo-client-tls, as requested by "
                + "pingpong.dev/renew-now=2026-03-01T10:05:00Z", requested.get(0).getMessage());

        settle(children, Side.SERVER);
        assertEquals(serverRevision + 1, certManager.revision(ns, server), "one renewal per value");
        assertEquals(clientRevision + 1, certManager.revision(ns, client));
        assertEquals(2, cluster.events(ns, PairEvents.RENEWED).size(), "one Event per new certificate");
        assertEquals(2, cluster.events(ns, PairEvents.ISSUED).size());
        assertEquals(1, cluster.events(ns, PairEvents.RENEWAL_REQUESTED).size());
    }

    @Test
    void aChangedDurationUpdatesTheCertificatesAndCertManagerReissues() {
        String ns = "cm-duration";
        Children children = createPair(ns, "ca-issuer", IssuerKind.Issuer, tls -> { });
        await("CertificateReady", () -> isTrue(cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY)));
        int revision = certManager.revision(ns, children.certificate(Side.SERVER));

        editTls(ns, tls -> tls.setDuration("48h"));
        await("Certificate updated", () -> Duration.ofHours(48)
                .equals(certificate(children, Side.SERVER).getSpec().getDuration().getDuration()));
        await("reissued", () -> certManager.revision(ns, children.certificate(Side.SERVER)) > revision);
        await("status follows", () -> cluster.pair(ns, "demo").getStatus().getCertificate().getSha256()
                .equals(CertificateHashes.sha256Hex(leaf(secret(children, Side.SERVER)))));
    }

    @Test
    void switchingIssuerHandsTheSecretsOverBothWays() {
        String ns = "cm-switch";
        PingPongPairSpec spec = new PingPongPairSpec();
        cluster.createPair(ns, "demo", spec);
        Children children = new Children("demo", ns);
        await("self-issued", () -> isTrue(cluster.condition(ns, "demo", Conditions.CERTIFICATE_READY))
                && cluster.client().secrets().inNamespace(ns).withName(children.caSecret()).get() != null);
        String selfUid = secret(children, Side.SERVER).getMetadata().getUid();

        editTls(ns, tls -> {
            tls.setIssuer(TlsIssuer.CERT_MANAGER);
            tls.setIssuerRef(issuerRef("ca-issuer", IssuerKind.ClusterIssuer));
        });
        await("cert-manager's CA in the server Secret", () -> certManager.caPem().equals(
                SecretData.read(secret(children, Side.SERVER), SecretData.CA_CRT).orElse("")));
        await("cert-manager's CA in the client Secret", () -> certManager.caPem().equals(
                SecretData.read(secret(children, Side.CLIENT), SecretData.CA_CRT).orElse("")));
        await("the pair's CA deleted", () ->
                cluster.client().secrets().inNamespace(ns).withName(children.caSecret()).get() == null);
        assertEquals(selfUid, secret(children, Side.SERVER).getMetadata().getUid(), "the same Secret, rewritten");
        await("status shows cert-manager's certificate", () -> CertificateHashes.sha256Hex(
                leaf(secret(children, Side.SERVER))).equals(cluster.pair(ns, "demo").getStatus().getCertificate().getSha256()));

        editTls(ns, tls -> tls.setMutual(false));
        await("client Certificate deleted", () -> certificateOrNull(children, Side.CLIENT) == null);
        await("client Secret deleted", () -> cluster.client().secrets().inNamespace(ns)
                .withName(children.tlsSecret(Side.CLIENT)).get() == null);
        assertNotNull(certificateOrNull(children, Side.SERVER));

        editTls(ns, tls -> {
            tls.setIssuer(TlsIssuer.SELF);
            tls.setIssuerRef(null);
        });
        await("server Certificate deleted", () -> certificateOrNull(children, Side.SERVER) == null);
        await("the pair's CA again", () ->
                cluster.client().secrets().inNamespace(ns).withName(children.caSecret()).get() != null);
        Secret ca = cluster.client().secrets().inNamespace(ns).withName(children.caSecret()).get();
        await("the server Secret signed by it", () -> SecretData.read(secret(children, Side.SERVER), SecretData.CA_CRT)
                .equals(SecretData.read(ca, SecretData.CA_CRT)));
        await("CertificateReady from the operator's own CA", () -> isTrue(cluster.condition(ns, "demo",
                Conditions.CERTIFICATE_READY)) && CertificateHashes.sha256Hex(leaf(secret(children, Side.SERVER)))
                .equals(cluster.pair(ns, "demo").getStatus().getCertificate().getSha256()));
    }

    @Test
    void aCertificateOfSomeoneElseUnderTheNameIsAConflict() {
        String ns = "cm-conflict";
        Certificate foreign = new CertificateBuilder()
                .withNewMetadata().withName("demo-server-tls").withNamespace(ns).endMetadata()
                .withNewSpec().withSecretName("elsewhere").withCommonName("elsewhere")
                .withNewIssuerRef().withName("theirs").endIssuerRef().endSpec().build();
        cluster.client().resource(foreign).create();
        createPair(ns, "ca-issuer", IssuerKind.Issuer, tls -> { });
        await("ChildConflict", () -> cluster.condition(ns, "demo", Conditions.READY)
                .filter(c -> StatusComposer.CHILD_CONFLICT.equals(c.getReason())).isPresent());
        assertEquals("elsewhere", cluster.client().resources(Certificate.class).inNamespace(ns)
                .withName("demo-server-tls").get().getSpec().getSecretName(), "left as it was");
    }

    private static Children createPair(String ns, String issuer, IssuerKind kind, Consumer<TlsSpec> more) {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setIssuer(TlsIssuer.CERT_MANAGER);
        spec.getTls().setIssuerRef(issuerRef(issuer, kind));
        more.accept(spec.getTls());
        cluster.createPair(ns, "demo", spec);
        return new Children("demo", ns);
    }

    private static IssuerRef issuerRef(String name, IssuerKind kind) {
        IssuerRef ref = new IssuerRef();
        ref.setName(name);
        ref.setKind(kind);
        return ref;
    }

    /** Edits the pair's spec.tls as a person would. */
    private static void editTls(String ns, Consumer<TlsSpec> change) {
        cluster.editSpec(ns, "demo", spec -> {
            if (spec.getTls() == null) {
                spec.setTls(new TlsSpec());
            }
            change.accept(spec.getTls());
        });
    }

    private static Certificate certificate(Children children, Side side) {
        Certificate certificate = certificateOrNull(children, side);
        assertNotNull(certificate, children.certificate(side));
        return certificate;
    }

    private static Certificate certificateOrNull(Children children, Side side) {
        return cluster.client().resources(Certificate.class).inNamespace(children.namespace())
                .withName(children.certificate(side)).get();
    }

    private static Secret secret(Children children, Side side) {
        return cluster.client().secrets().inNamespace(children.namespace()).withName(children.tlsSecret(side)).get();
    }

    private static X509Certificate leaf(Secret secret) {
        try {
            return Pem.readCertificates(SecretData.read(secret, SecretData.TLS_CRT).orElseThrow()
                    .getBytes(StandardCharsets.US_ASCII)).get(0);
        } catch (Exception e) {
            throw new AssertionError("unreadable tls.crt in " + secret.getMetadata().getName(), e);
        }
    }
}
