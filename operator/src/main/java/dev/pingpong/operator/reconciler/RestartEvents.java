package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records a Kubernetes Event on the pair for every restart, so `kubectl describe ppp` tells the story. */
final class RestartEvents {

    static final String REASON = "Restarted";
    private static final Logger LOG = LoggerFactory.getLogger(RestartEvents.class);

    private RestartEvents() {
    }

    static void record(KubernetesClient client, PingPongPair pair, Side side, String deployment, String cause,
                       Instant now) {
        String time = Conditions.timestamp(now);
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(pair.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli())
                        + "." + side.component())
                .withNamespace(pair.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(pair.getApiVersion()).withKind(pair.getKind())
                .withName(pair.getMetadata().getName()).withNamespace(pair.getMetadata().getNamespace())
                .withUid(pair.getMetadata().getUid()).withResourceVersion(pair.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType("Warning")
                .withReason(REASON)
                .withMessage("restarted Deployment " + deployment + ": " + cause)
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                .withNewSource().withComponent(Children.MANAGER).endSource()
                .withReportingComponent(Children.MANAGER)
                .build();
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // The restart itself happened and is in the status; a lost Event must not undo or repeat it.
            LOG.warn("could not record Event reason={} pair={}/{}: {}", REASON, pair.getMetadata().getNamespace(),
                    pair.getMetadata().getName(), e.getMessage());
        }
    }
}
