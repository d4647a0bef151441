package dev.pingpong.operator.testing;

import dev.pingpong.certs.CertificateTemplate;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.certs.Pem;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import io.fabric8.certmanager.api.model.v1.CertificateConditionBuilder;
import io.fabric8.certmanager.api.model.v1.CertificateSpec;
import io.fabric8.certmanager.api.model.v1.CertificateStatus;
import io.fabric8.certmanager.api.model.v1.CertificateStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays cert-manager with a CA issuer on the test API server: watches Certificates and, for each new spec, signs a
 * leaf with its test CA (pingpong-certs) for the requested names, usages and duration, writes it into the
 * Certificate's Secret ({@code tls.crt}, PKCS#8 {@code tls.key}, the CA in {@code ca.crt}; secretTemplate labels
 * and cert-manager's annotations) and then reports on the Certificate: the Ready condition, notBefore, notAfter,
 * renewalTime and revision. Certificates that name an issuer it was told is missing get Ready=False with
 * cert-manager's reason and message instead. A Certificate marked {@code Issuing=True} (what {@code cmctl renew} writes) is
 * reissued and the mark removed, as cert-manager does; {@link #renew} reissues one directly. It acts as an
 * administrator (the test's client), never with the operator's rights.
 */
public final class FakeCertManager implements AutoCloseable {

    public static final String CERTIFICATE_NAME = "cert-manager.io/certificate-name";
    public static final String NOT_FOUND_REASON = "DoesNotExist";

    private final KubernetesClient client;
    private final CertifiedKey ca = CertificateTemplate.authority().commonName("fake cert-manager CA")
            .validFor(Duration.ofDays(365)).selfSigned();
    /** The spec each Certificate was last issued for (ns/name to spec JSON): a new one is issued for a new spec. */
    private final Map<String, String> issuedFor = new ConcurrentHashMap<>();
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
    private final Map<String, Integer> manualTriggers = new ConcurrentHashMap<>();
    private final List<String> missingIssuers = new CopyOnWriteArrayList<>();
    private final SharedIndexInformer<Certificate> informer;

    private FakeCertManager(KubernetesClient client) {
        this.client = client;
        this.informer = client.resources(Certificate.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Certificate certificate) {
                handle(certificate);
            }

            @Override
            public void onUpdate(Certificate before, Certificate certificate) {
                handle(certificate);
            }

            @Override
            public void onDelete(Certificate certificate, boolean unknown) {
                issuedFor.remove(key(certificate));
            }
        });
    }

    /** Starts watching Certificates through {@code admin}; the cert-manager CRD must be installed. */
    public static FakeCertManager start(KubernetesClient admin) {
        return new FakeCertManager(admin);
    }

    /** The CA it signs with, as {@code ca.crt} carries it. */
    public String caPem() {
        return Pem.encodeCertificates(List.of(ca.leaf()));
    }

    /** From now on, Certificates naming issuer {@code name} are not issued: Ready=False, as cert-manager says. */
    public void issuerMissing(String name) {
        missingIssuers.add(name);
    }

    /** Reissues Certificate {@code ns/name} now, key and all (cmctl renew). */
    public void renew(String namespace, String name) {
        Certificate certificate = client.resources(Certificate.class).inNamespace(namespace).withName(name).get();
        issue(certificate);
    }

    /** How many times Certificate {@code ns/name} was marked Issuing=True ManuallyTriggered, as cmctl renew marks it. */
    public int manualTriggers(String namespace, String name) {
        return manualTriggers.getOrDefault(namespace + "/" + name, 0);
    }

    /** How many times Certificate {@code ns/name} was issued. */
    public int revision(String namespace, String name) {
        return revisions.getOrDefault(namespace + "/" + name, 0);
    }

    private synchronized void handle(Certificate certificate) {
        String spec = client.getKubernetesSerialization().asJson(certificate.getSpec());
        Optional<CertificateCondition> issuing = Optional.ofNullable(certificate.getStatus())
                .map(CertificateStatus::getConditions).orElse(List.of()).stream()
                .filter(condition -> "Issuing".equals(condition.getType()) && "True".equals(condition.getStatus()))
                .findFirst();
        if (spec.equals(issuedFor.put(key(certificate), spec)) && issuing.isEmpty()) {
            return; // our own status write, or a change that is not to the spec
        }
        if (issuing.filter(condition -> "ManuallyTriggered".equals(condition.getReason())).isPresent()) {
            manualTriggers.merge(key(certificate), 1, Integer::sum);
        }
        if (missingIssuers.contains(certificate.getSpec().getIssuerRef().getName())) {
            String issuer = certificate.getSpec().getIssuerRef().getKind() + " "
                    + certificate.getSpec().getIssuerRef().getName();
            writeStatus(certificate, condition(certificate, "False", NOT_FOUND_REASON,
                    "Issuing certificate as Secret does not exist; referenced " + issuer + " not found"), null);
            return;
        }
        issue(certificate);
    }

    private synchronized void issue(Certificate certificate) {
        CertificateSpec spec = certificate.getSpec();
        Duration duration = spec.getDuration() == null ? Duration.ofDays(90) : spec.getDuration().getDuration();
        Duration renewBefore = spec.getRenewBefore() == null ? duration.dividedBy(3) : spec.getRenewBefore().getDuration();
        List<Purpose> purposes = new ArrayList<>();
        List<String> usages = Optional.ofNullable(spec.getUsages()).orElse(List.of());
        if (usages.contains("server auth") || usages.isEmpty()) {
            purposes.add(Purpose.SERVER_AUTH); // cert-manager's default leaf has no extended usage; a fake needs one
        }
        if (usages.contains("client auth")) {
            purposes.add(Purpose.CLIENT_AUTH);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CertifiedKey leaf = CertificateTemplate.leaf(purposes.get(0), purposes.subList(1, purposes.size())
                        .toArray(Purpose[]::new))
                .commonName(spec.getCommonName())
                .names(Optional.ofNullable(spec.getDnsNames()).orElse(List.of()))
                .validity(now.minus(CertificateTemplate.CLOCK_SKEW), now.plus(duration))
                .signedBy(ca);
        writeSecret(certificate, leaf);
        int revision = revisions.merge(key(certificate), 1, Integer::sum);
        writeStatus(certificate, condition(certificate, "True", "Ready",
                "Certificate is up to date and has not expired"), new CertificateStatusBuilder()
                .withNotBefore(Conditions.timestamp(leaf.leaf().getNotBefore().toInstant()))
                .withNotAfter(Conditions.timestamp(leaf.notAfter()))
                .withRenewalTime(Conditions.timestamp(leaf.notAfter().minus(renewBefore)))
                .withRevision(revision));
    }

    private void writeSecret(Certificate certificate, CertifiedKey leaf) {
        CertificateSpec spec = certificate.getSpec();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("tls.crt", base64(Pem.encodeCertificates(List.of(leaf.leaf()))));
        data.put("tls.key", base64(leaf.privateKeyPem()));
        data.put("ca.crt", base64(caPem()));
        Map<String, String> annotations = Map.of(CERTIFICATE_NAME, certificate.getMetadata().getName(),
                "cert-manager.io/issuer-name", spec.getIssuerRef().getName(),
                "cert-manager.io/issuer-kind", spec.getIssuerRef().getKind(),
                "cert-manager.io/issuer-group", spec.getIssuerRef().getGroup());
        Map<String, String> labels = spec.getSecretTemplate() == null ? Map.of() : spec.getSecretTemplate().getLabels();
        String namespace = certificate.getMetadata().getNamespace();
        Secret existing = client.secrets().inNamespace(namespace).withName(spec.getSecretName()).get();
        if (existing == null) {
            client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                    .withNewMetadata().withName(spec.getSecretName()).withNamespace(namespace)
                    .withLabels(labels).withAnnotations(annotations).endMetadata()
                    .withType("kubernetes.io/tls").withData(data).build()).create();
        } else {
            client.secrets().inNamespace(namespace).withName(spec.getSecretName()).edit(secret -> new SecretBuilder(secret)
                    .editMetadata().addToLabels(labels).addToAnnotations(annotations).endMetadata()
                    .withData(data).build());
        }
    }

    private void writeStatus(Certificate certificate, CertificateCondition ready, CertificateStatusBuilder status) {
        client.resources(Certificate.class).inNamespace(certificate.getMetadata().getNamespace())
                .withName(certificate.getMetadata().getName()).editStatus(stored -> {
                    CertificateStatusBuilder builder = status != null ? status
                            : new CertificateStatusBuilder(Optional.ofNullable(stored.getStatus())
                                    .orElseGet(CertificateStatus::new));
                    stored.setStatus(builder.withConditions(ready).build());
                    return stored;
                });
    }

    private static CertificateCondition condition(Certificate certificate, String status, String reason,
                                                  String message) {
        return new CertificateConditionBuilder().withType("Ready").withStatus(status).withReason(reason)
                .withMessage(message).withObservedGeneration(certificate.getMetadata().getGeneration())
                .withLastTransitionTime(Conditions.timestamp(Instant.now())).build();
    }

    private static String key(Certificate certificate) {
        return certificate.getMetadata().getNamespace() + "/" + certificate.getMetadata().getName();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        informer.close();
    }
}
