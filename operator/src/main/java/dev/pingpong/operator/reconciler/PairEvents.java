package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Locale;
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
    private static final Logger LOG = LoggerFactory.getLogger(PairEvents.class);

    private PairEvents() {
    }

    /** A Warning Event with {@code reason}; {@code suffix} keeps the names of Events made in one millisecond apart. */
    static void warn(KubernetesClient client, PingPongPair pair, String reason, String suffix, String message,
                     Instant now) {
        record(client, pair, "Warning", reason, suffix, message, now);
    }

    /** A Normal Event with {@code reason}, for what went as it should. */
    static void normal(KubernetesClient client, PingPongPair pair, String reason, String message, Instant now) {
        record(client, pair, "Normal", reason, reason, message, now);
    }

    private static void record(KubernetesClient client, PingPongPair pair, String type, String reason, String suffix,
                               String message, Instant now) {
        String time = Conditions.timestamp(now);
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(pair.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
                        + "." + suffix.toLowerCase(Locale.ROOT))
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
