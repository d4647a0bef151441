package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.model.PingPongPair;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator did once for a value its status then records (a renew-now handled, a certificate reported), for
 * the moment its status write is not yet in the informer's cache: a reconcile that reads the pair in between would
 * otherwise see the old value and do it again (a second renewal, a second Event). An entry lives from the act until
 * a reconcile reads a status that shows the value, so there are only as many as writes in flight.
 */
final class StatusLag {

    private final Map<String, String> done = new ConcurrentHashMap<>();

    /**
     * Whether {@code value} of {@code what} is still to act on: the pair's status records {@code recorded}, and
     * neither that nor an act not yet recorded is {@code value}.
     */
    boolean due(PingPongPair pair, String what, String value, String recorded) {
        String key = key(pair, what);
        if (Objects.equals(value, recorded)) {
            done.remove(key);
            return false;
        }
        return !value.equals(done.get(key));
    }

    /** {@code value} of {@code what} was acted on; its status write follows. */
    void acted(PingPongPair pair, String what, String value) {
        done.put(key(pair, what), value);
    }

    /** Whatever was done for {@code what}: an episode is over (a pair no longer blocked), the next one is new. */
    void forget(PingPongPair pair, String what) {
        done.remove(key(pair, what));
    }

    private static String key(PingPongPair pair, String what) {
        return pair.getMetadata().getUid() + "/" + what;
    }
}
