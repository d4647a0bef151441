package dev.pingpong.operator.reconciler;

import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API server serves cert-manager.io/v1 Certificates, asked through API discovery (which every account
 * may read, so the operator needs no right on CustomResourceDefinitions). Once served, it is taken to stay so;
 * while not, the question is asked again at most every {@link #RECHECK}, whichever pair asks.
 */
final class CertManagerApi {

    static final Duration RECHECK = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(CertManagerApi.class);

    private boolean served;
    private long askedAt;
    private boolean asked;
    private boolean reported;

    synchronized boolean served(KubernetesClient client) {
        long now = System.nanoTime();
        if (served || asked && now - askedAt < RECHECK.toNanos()) {
            return served;
        }
        asked = true;
        askedAt = now;
        try {
            served = client.supports(Certificate.class);
        } catch (KubernetesClientException e) {
            LOG.warn("cannot tell whether cert-manager is installed, asking again in {}s: {}", RECHECK.toSeconds(),
                    e.getMessage());
            return false;
        }
        if (served || !reported) {
            LOG.info("cert-manager.io/v1 Certificates served={}{}", served, served ? "" : ", asking again when a pair "
                    + "is reconciled " + RECHECK.toSeconds() + "s or more from now");
            reported = true;
        }
        return served;
    }
}
