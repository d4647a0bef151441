package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.status.Conditions;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateCondition;
import io.fabric8.certmanager.api.model.v1.CertificateConditionBuilder;
import io.fabric8.certmanager.api.model.v1.CertificateStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks cert-manager to reissue Certificates now, as {@code cmctl renew} does: the condition
 * {@code Issuing=True ManuallyTriggered} on the Certificate's status, written with the resourceVersion read (so a
 * status cert-manager wrote meanwhile is never overwritten), after which cert-manager issues anew and removes the
 * condition. A Certificate already issuing is left alone: the issuance under way is the renewal.
 */
final class CertManagerRenewal {

    static final String ISSUING = "Issuing";
    static final String REASON = "ManuallyTriggered";
    static final String MESSAGE = "Certificate re-issuance manually triggered";
    /** Attempts per Certificate when cert-manager's own status writes keep changing it under us. */
    private static final int ATTEMPTS = 5;

    private CertManagerRenewal() {
    }

    /** Triggers the reissue of each of {@code certificates} not already issuing; returns the names triggered. */
    static List<String> request(KubernetesClient client, List<Certificate> certificates, Instant now) {
        List<String> triggered = new ArrayList<>();
        for (Certificate certificate : certificates) {
            if (trigger(client, certificate, now)) {
                triggered.add(certificate.getMetadata().getName());
            }
        }
        return triggered;
    }

    private static boolean trigger(KubernetesClient client, Certificate cached, Instant now) {
        Certificate certificate = cached;
        for (int attempt = 1; ; attempt++) {
            if (issuing(certificate)) {
                return false;
            }
            Certificate marked = client.getKubernetesSerialization().clone(certificate);
            CertificateStatus status = Optional.ofNullable(marked.getStatus()).orElseGet(CertificateStatus::new);
            List<CertificateCondition> conditions = new ArrayList<>(Optional.ofNullable(status.getConditions())
                    .orElse(List.of()));
            conditions.removeIf(condition -> ISSUING.equals(condition.getType()));
            conditions.add(new CertificateConditionBuilder().withType(ISSUING).withStatus("True").withReason(REASON)
                    .withMessage(MESSAGE).withObservedGeneration(marked.getMetadata().getGeneration())
                    .withLastTransitionTime(Conditions.timestamp(now)).build());
            status.setConditions(conditions);
            marked.setStatus(status);
            try {
                client.resource(marked).updateStatus();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
                certificate = client.resources(Certificate.class).inNamespace(cached.getMetadata().getNamespace())
                        .withName(cached.getMetadata().getName()).get();
                if (certificate == null) {
                    return false; // deleted meanwhile: its successor is issued anew anyway
                }
            }
        }
    }

    private static boolean issuing(Certificate certificate) {
        return Optional.ofNullable(certificate.getStatus()).map(CertificateStatus::getConditions).orElse(List.of())
                .stream().anyMatch(condition -> ISSUING.equals(condition.getType())
                        && "True".equals(condition.getStatus()));
    }
}
