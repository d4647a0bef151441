package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.PingPongPairStatus;
import dev.pingpong.operator.model.RecoverySpec;
import dev.pingpong.operator.model.ServerSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.model.TlsSpec;
import dev.pingpong.operator.testing.MockCluster;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events for what happened to a pair's certificates and spec, each once; renew-now; status.effectiveSpec. */
class CertificateEventsTest extends OperatorOnMockServer {

    @Test
    void renewNowRenewsTheLeavesOncePerValue() {
        String ns = "renew-now";
        Children children = Children.of(cluster.createPair(ns, "demo", new PingPongPairSpec()));
        await("certificate status", () -> status(ns) != null && status(ns).getCertificate() != null);
        settle(children, Side.SERVER);
        Event issued = single(ns, PairEvents.ISSUED);
        assertEquals("Normal", issued.getType());
        assertTrue(issued.getMessage().startsWith("issued server and client certificates, valid until "),
                issued.getMessage());
        String first = status(ns).getCertificate().getSha256();
        long renewals = metrics.renewals();

        cluster.annotate(ns, "demo", PairAnnotations.RENEW_NOW, "first");
        await("renewed on request", () -> !first.equals(status(ns).getCertificate().getSha256()));
        await("the request recorded as handled", () -> "first".equals(status(ns).getCertificate().getRenewNowHandled()));
        settle(children, Side.SERVER);
        String second = status(ns).getCertificate().getSha256();
        assertEquals(2, metrics.renewals() - renewals, "server and client, once");
        Event renewed = single(ns, PairEvents.RENEWED);
        assertEquals("Normal", renewed.getType());
        assertTrue(renewed.getMessage().startsWith("renewed 2 leaf certificates (server valid until "), renewed.getMessage());
        assertTrue(renewed.getMessage().endsWith(", as requested by pingpong.dev/renew-now=first"), renewed.getMessage());

        settle(children, Side.CLIENT);
        assertEquals(second, status(ns).getCertificate().getSha256(), "a handled value renews nothing more");
        assertEquals(1, cluster.events(ns, PairEvents.RENEWED).size());

        cluster.annotate(ns, "demo", PairAnnotations.RENEW_NOW, "second");
        await("renewed for the new value", () -> "second".equals(status(ns).getCertificate().getRenewNowHandled()));
        assertTrue(!second.equals(status(ns).getCertificate().getSha256()));
        assertEquals(4, metrics.renewals() - renewals);
        await("a second Renewed Event", () -> cluster.events(ns, PairEvents.RENEWED).size() == 2);
        assertEquals(1, cluster.events(ns, PairEvents.ISSUED).size(), "issued once, at the start");
    }

    @Test
    void showsTheEffectiveSpec() {
        String ns = "effective";
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setServer(new ServerSpec());
        spec.getServer().setPort(5000);
        spec.setTls(new TlsSpec());
        spec.getTls().setDuration("90m");
        cluster.createPair(ns, "demo", spec);
        await("effectiveSpec", () -> status(ns) != null && status(ns).getEffectiveSpec() != null);

        JsonNode effective = status(ns).getEffectiveSpec();
        assertEquals(5000, effective.at("/server/port").asInt());
        assertEquals("30m", effective.at("/tls/renewBefore").asText());
        assertEquals("ghcr.io/pingpong-dev/pingpong-client:0.1.0-SNAPSHOT", effective.at("/client/image").asText());
        assertEquals("stream", effective.at("/client/mode").asText());
        assertEquals(6, effective.at("/recovery/maxRestartsPerHour").asInt());
    }

    @Test
    void reportsAnInvalidSpecOncePerGeneration() {
        String ns = "invalid-events";
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setTls(new TlsSpec());
        spec.getTls().setDuration("30s");
        MockCluster.createPair(cluster.legacyClient(), ns, "broken", spec);
        await("an InvalidSpec Event", () -> cluster.events(ns, StatusComposer.INVALID_SPEC).size() == 1);

        MockCluster.editSpec(cluster.legacyClient(), ns, "broken", edited -> {
            edited.setRecovery(new RecoverySpec());
            edited.getRecovery().setUnhealthyAfter("0s");
        });
        await("a second Event for the new generation", () -> cluster.events(ns, StatusComposer.INVALID_SPEC).size() == 2);
        long reconciles = metrics.reconciliations();
        MockCluster.annotate(cluster.legacyClient(), ns, "broken", PairAnnotations.RENEW_NOW, "now");
        await("a reconcile for the annotation", () -> metrics.reconciliations() > reconciles);
        List<Event> events = cluster.events(ns, StatusComposer.INVALID_SPEC);
        assertEquals(2, events.size(), "a reconcile of the same generation records none");
        assertEquals("Warning", events.get(0).getType());
    }

    private static Event single(String ns, String reason) {
        List<Event> events = cluster.events(ns, reason);
        assertEquals(1, events.size(), reason + " Events: " + events);
        return events.get(0);
    }

    private static PingPongPairStatus status(String ns) {
        PingPongPair pair = cluster.pair(ns, "demo");
        return pair == null ? null : pair.getStatus();
    }
}
