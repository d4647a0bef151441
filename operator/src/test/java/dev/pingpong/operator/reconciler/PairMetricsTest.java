package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static dev.pingpong.operator.testing.MockCluster.isTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics of the operator: the reconcile duration histogram, per-pair gauges and their removal, the JVM's. */
class PairMetricsTest extends OperatorOnMockServer {

    @Test
    void perPairGaugesFollowTheStatusAndGoWithThePair() {
        String ns = "metrics";
        Children children = Children.of(cluster.createPair(ns, "demo", new PingPongPairSpec()));
        Children other = Children.of(cluster.createPair(ns, "other", new PingPongPairSpec()));
        await("both Deployments", () -> cluster.deployment(children, Side.CLIENT) != null);
        await("a certificate in the status", () -> cluster.pair(ns, "demo").getStatus() != null
                && cluster.pair(ns, "demo").getStatus().getCertificate() != null);
        await("not ready yet", () -> gauge("pingpong_pair_ready", ns, "demo").equals(Optional.of(0.0)));

        cluster.reportReady(children, Side.SERVER, 1);
        cluster.reportReady(children, Side.CLIENT, 1);
        await("Ready=True", () -> isTrue(cluster.condition(ns, "demo", Conditions.READY)));
        await("ready", () -> gauge("pingpong_pair_ready", ns, "demo").equals(Optional.of(1.0)));
        Instant notAfter = Instant.parse(cluster.pair(ns, "demo").getStatus().getCertificate().getNotAfter());
        assertEquals((double) Duration.between(clock.instant(), notAfter).toSeconds(),
                gauge("pingpong_pair_certificate_expiry_seconds", ns, "demo").orElseThrow().doubleValue());
        clock.advance(Duration.ofHours(1));
        assertEquals((double) Duration.between(clock.instant(), notAfter).toSeconds(),
                gauge("pingpong_pair_certificate_expiry_seconds", ns, "demo").orElseThrow().doubleValue(),
                "counted down at scrape time, without a reconcile");
        String text = metrics.registry().scrape();
        assertTrue(text.contains("pingpong_pair_restarts{namespace=\"metrics\",pair=\"demo\",side=\"server\"} 0\n"), text);
        assertTrue(text.contains("pingpong_pair_restarts{namespace=\"metrics\",pair=\"demo\",side=\"client\"} 0\n"), text);
        assertEquals(Optional.of(0.0), gauge("pingpong_pair_recovery_exhausted", ns, "demo"));
        assertEquals(Optional.of(0.0), gauge("pingpong_pair_paused", ns, "demo"));

        cluster.annotate(ns, "demo", PairAnnotations.PAUSED, "true");
        await("paused", () -> gauge("pingpong_pair_paused", ns, "demo").equals(Optional.of(1.0)));

        cluster.client().resources(PingPongPair.class).inNamespace(ns).withName("demo").delete();
        await("the deleted pair's series gone", () -> !metrics.registry().scrape().contains("pair=\"demo\""));
        assertEquals(Optional.of(0.0), gauge("pingpong_pair_paused", ns, other.pair()), "the other pair's stay");
    }

    @Test
    void reconcileDurationsAndTheJvmAreServed() {
        Children children = Children.of(cluster.createPair("durations", "demo", new PingPongPairSpec()));
        await("reconciled", () -> cluster.deployment(children, Side.CLIENT) != null);
        await("a reconcile timed", () -> value("pingpong_operator_reconcile_duration_seconds_count").orElse(0.0) > 0);
        double count = value("pingpong_operator_reconcile_duration_seconds_count").orElseThrow();
        assertEquals(count, value("pingpong_operator_reconcile_duration_seconds_bucket\\{le=\"\\+Inf\"}")
                .orElseThrow().doubleValue());
        assertTrue(count <= metrics.reconciliations(), count + " timed, " + metrics.reconciliations() + " started");
        assertTrue(value("pingpong_operator_reconcile_duration_seconds_sum").orElseThrow() > 0);
        String text = metrics.registry().scrape();
        assertTrue(text.contains("# TYPE pingpong_operator_reconcile_duration_seconds histogram\n"), text);
        assertTrue(text.contains("\njvm_memory_used_bytes{area=\"heap\"} "), text);
        assertFalse(text.contains("NaN"), text);
    }

    private static Optional<Double> gauge(String name, String namespace, String pair) {
        return value(Pattern.quote(name + "{namespace=\"" + namespace + "\",pair=\"" + pair + "\"}"));
    }

    /** The value of the sample whose name and labels match {@code regex}, in one scrape. */
    private static Optional<Double> value(String regex) {
        Matcher matcher = Pattern.compile("(?m)^" + regex + " (\\S+)$").matcher(metrics.registry().scrape());
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }
}
