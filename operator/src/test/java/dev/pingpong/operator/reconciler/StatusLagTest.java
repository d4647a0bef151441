package dev.pingpong.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.model.PingPongPair;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** An act is done once per value, whether or not the status that records it has reached the cache yet. */
class StatusLagTest {

    private final StatusLag lag = new StatusLag();

    @Test
    void aValueActedOnIsNotDueAgainWhileTheStatusLags() {
        PingPongPair pair = pair("uid-1");
        assertTrue(lag.due(pair, "renew-now", "t1", null));
        lag.acted(pair, "renew-now", "t1");

        assertFalse(lag.due(pair, "renew-now", "t1", null), "the cached status does not show it yet");
        assertTrue(lag.due(pair, "renew-now", "t2", null), "a new value is due");
        assertFalse(lag.due(pair, "renew-now", "t1", "t1"), "the status shows it");
    }

    @Test
    void onceTheStatusShowedItTheValueIsForgotten() {
        PingPongPair pair = pair("uid-1");
        lag.acted(pair, "certificate/server", "aa");
        assertFalse(lag.due(pair, "certificate/server", "aa", "aa"));

        assertTrue(lag.due(pair, "certificate/server", "aa", "bb"), "back to aa after bb: a change again");
    }

    @Test
    void pairsAndActsAreKeptApart() {
        lag.acted(pair("uid-1"), "renew-now", "t1");

        assertTrue(lag.due(pair("uid-2"), "renew-now", "t1", null));
        assertTrue(lag.due(pair("uid-1"), "certificate/server", "t1", null));
    }

    private static PingPongPair pair(String uid) {
        PingPongPair pair = new PingPongPair();
        pair.setMetadata(new ObjectMetaBuilder().withName("demo").withNamespace("ns").withUid(uid).build());
        return pair;
    }
}
