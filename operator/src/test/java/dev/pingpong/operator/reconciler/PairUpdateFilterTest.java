package dev.pingpong.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairUpdateFilterTest {

    private final PairUpdateFilter filter = new PairUpdateFilter();

    @Test
    void aNewGenerationOrASteeringAnnotationCallsForAReconcile() {
        PingPongPair old = pair(1, Map.of());
        assertTrue(filter.accept(pair(2, Map.of()), old), "spec changed");
        assertTrue(filter.accept(pair(1, Map.of(PairAnnotations.PAUSED, "true")), old), "paused");
        assertTrue(filter.accept(pair(1, Map.of()), pair(1, Map.of(PairAnnotations.PAUSED, "true"))), "resumed");
        assertTrue(filter.accept(pair(1, Map.of(PairAnnotations.RENEW_NOW, "a")), old), "renewal asked for");
        assertTrue(filter.accept(pair(1, Map.of(PairAnnotations.RENEW_NOW, "b")),
                pair(1, Map.of(PairAnnotations.RENEW_NOW, "a"))), "asked for again");
    }

    @Test
    void statusWritesAndOtherMetadataDoNot() {
        PingPongPair old = pair(1, Map.of(PairAnnotations.RENEW_NOW, "a"));
        PingPongPair withStatus = pair(1, Map.of(PairAnnotations.RENEW_NOW, "a", "note", "x"));
        withStatus.setStatus(new PingPongPairStatus());
        assertFalse(filter.accept(withStatus, old));
        assertFalse(filter.accept(pair(1, Map.of(PairAnnotations.PAUSED, "no")), pair(1, Map.of())),
                "only \"true\" pauses: nothing changed");
    }

    private static PingPongPair pair(long generation, Map<String, String> annotations) {
        PingPongPair pair = new PingPongPair();
        pair.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("ns").withGeneration(generation)
                .withAnnotations(annotations).build());
        return pair;
    }
}
