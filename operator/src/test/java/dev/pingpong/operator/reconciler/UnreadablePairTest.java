package dev.pingpong.operator.reconciler;

import static dev.pingpong.operator.testing.MockCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.OperatorOnMockServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pair the operator's model cannot hold (stored under another version of the CRD) is reported on that pair alone:
 * the informer, and every other pair, go on.
 */
class UnreadablePairTest extends OperatorOnMockServer {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown-enum | {\"client\": {\"mode\": \"udp\"}} | spec.client.mode | true",
            "out-of-range | {\"server\": {\"replicas\": 3000000000}} | spec.server.replicas | true",
            // today's CRD prunes it instead (a real API server drops undeclared fields, with a warning)
            "unknown-field | {\"server\": {\"hostNetwork\": true}} | spec.server.hostNetwork | false",
    })
    void aPairThatCannotBeReadIsReportedAndTheOthersGoOn(String name, String spec, String field, boolean refusedToday) {
        String ns = "unreadable-" + name;
        GenericKubernetesResource stored = new GenericKubernetesResourceBuilder()
                .withApiVersion("pingpong.dev/v1alpha1").withKind("PingPongPair")
                .withNewMetadata().withName("odd").withNamespace(ns).endMetadata()
                .withAdditionalProperties(Map.of("spec", cluster.client().getKubernetesSerialization()
                        .unmarshal(spec, Map.class)))
                .build();
        if (refusedToday) {
            assertThrows(KubernetesClientException.class, () -> cluster.client().resource(stored).create(),
                    "today's CRD refuses it");
        }
        cluster.legacyClient().resource(stored).create();

        await("Ready=False InvalidSpec naming " + field, () -> cluster.condition(ns, "odd", Conditions.READY)
                .map(c -> "InvalidSpec".equals(c.getReason()) && c.getMessage().contains(field)).orElse(false));
        assertEquals(1, cluster.client().v1().events().inNamespace(ns).list().getItems().stream()
                .filter(event -> "InvalidSpec".equals(event.getReason())).count(), "one Event");

        Children other = Children.of(cluster.createPair(ns, "fine", new PingPongPairSpec()));
        await("another pair reconciled all the same", () -> cluster.deployment(other, Side.CLIENT) != null
                && cluster.pair(ns, "fine").getStatus() != null);
        assertTrue(cluster.condition(ns, "odd", Conditions.READY).orElseThrow().getMessage()
                .contains("apply the CRD of this operator version"));
    }
}
