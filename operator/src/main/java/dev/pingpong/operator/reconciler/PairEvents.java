package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.certs.ServedCertificate;
import dev.pingpong.operator.dependent.CertificateSet;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on the pair, so `kubectl describe ppp` tells the story: every restart, every pause and resume,
 * and every time the pair starts being blocked by something only a person can fix (an invalid or unreadable spec, a
 * conflicting object). Each is recorded once, where the reconciler sees the transition it reports.
 */
final class PairEvents {

    static final String RESTARTED = "Restarted";
    static final String PAUSED = "Paused";
    static final String RESUMED = "Resumed";
    static final String ISSUED = "Issued";
    static final String RENEWED = "Renewed";
    static final String CA_ROLLED_OVER = "CaRolledOver";
    static final String RENEWAL_REQUESTED = "RenewalRequested";
    private static final Logger LOG = LoggerFactory.getLogger(PairEvents.class);

    private PairEvents() {
    }

    /** A Warning Event with {@code reason}, for what a person may have to look into. */
    static void warn(KubernetesClient client, PingPongPair pair, String reason, String message, Instant now) {
        record(client, pair, "Warning", reason, message, now);
    }

    /** A Normal Event with {@code reason}, for what went as it should. */
    static void normal(KubernetesClient client, PingPongPair pair, String reason, String message, Instant now) {
        record(client, pair, "Normal", reason, message, now);
    }

    /**
     * What happened to the pair's certificates in a reconcile whose writes succeeded: Issued where nothing usable was
     * stored (a new pair, a deleted Secret, an expired CA); otherwise CaRolledOver when the successor CA started
     * signing, and Renewed when leaves were replaced, saying so when {@code requested} by renew-now.
     */
    static void certificates(KubernetesClient client, PingPongPair pair, CertificateKeeper.Outcome outcome,
                             Optional<String> requested, Instant now) {
        CertificateSet certificates = outcome.certificates();
        if (outcome.issued()) {
            String leaves = certificates.client().isPresent() ? "server and client certificates" : "server certificate";
            normal(client, pair, ISSUED, "issued " + leaves + ", valid until " + certificates.server().notAfter()
                    + ", signed by the pair's CA valid until "
                    + certificates.ca().notAfter(), now);
            return;
        }
        if (outcome.caRolledOver()) {
            normal(client, pair, CA_ROLLED_OVER, "the successor CA signs from now on, valid until "
                    + certificates.ca().notAfter() + certificates.previousCa()
                    .map(retired -> "; the retired CA stays trusted until " + retired.notAfter()).orElse(""), now);
        }
        if (outcome.renewals() > 0) {
            String renewed = outcome.renewals() == 1 ? "1 leaf certificate" : outcome.renewals() + " leaf certificates";
            normal(client, pair, RENEWED, "renewed " + renewed + " (server valid until "
                    + certificates.server().notAfter() + ")" + requested
                    .map(value -> ", as requested by " + PairAnnotations.RENEW_NOW + "=" + value).orElse(""), now);
        }
    }

    /**
     * cert-manager wrote a certificate into the TLS Secret {@code secret}: Issued when the status knew none there
     * ({@code first}), otherwise Renewed.
     */
    static void certManagerWrote(KubernetesClient client, PingPongPair pair, String secret, ServedCertificate leaf,
                                 boolean first, Instant now) {
        normal(client, pair, first ? ISSUED : RENEWED, "cert-manager " + (first ? "issued" : "renewed")
                + " the certificate in Secret " + secret + ", valid until " + leaf.notAfter(), now);
    }

    /**
     * Named like client-go's Events, the pair's name and the time, plus 32 random bits: Events made in the same
     * millisecond (or under a clock that tests hold still) never collide.
     */
    private static void record(KubernetesClient client, PingPongPair pair, String type, String reason, String message,
                               Instant now) {
        String time = Conditions.timestamp(now);
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(pair.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
                        + String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt()))
                .withNamespace(pair.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(pair.getApiVersion()).withKind(pair.getKind())
                .withName(pair.getMetadata().getName()).withNamespace(pair.getMetadata().getNamespace())
                .withUid(pair.getMetadata().getUid()).withResourceVersion(pair.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                .withNewSource().withComponent(Children.MANAGER).endSource()
                .withReportingComponent(Children.MANAGER)
                .build();
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // What the Event reports happened and is in the status; a lost Event must not undo or repeat it.
            LOG.warn("could not record Event reason={} pair={}/{}: {}", reason, pair.getMetadata().getNamespace(),
                    pair.getMetadata().getName(), e.getMessage());
        }
    }
}
