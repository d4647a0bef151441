package dev.pingpong.operator.model;

import java.util.Map;
import java.util.Optional;

/** The annotations a person puts on a pair to steer the operator, and how the operator reads them. */
public final class PairAnnotations {

    /** {@code "true"} stops every write to the pair's children until it is removed (or set to anything else). */
    public static final String PAUSED = "pingpong.dev/paused";
    /** Any new non-empty value asks for one renewal of the leaf certificates. */
    public static final String RENEW_NOW = "pingpong.dev/renew-now";

    private PairAnnotations() {
    }

    public static boolean paused(PingPongPair pair) {
        return "true".equals(value(pair, PAUSED).orElse(null));
    }

    /** The renew-now value, when one is set. */
    public static Optional<String> renewNow(PingPongPair pair) {
        return value(pair, RENEW_NOW).filter(value -> !value.isEmpty());
    }

    static Optional<String> value(PingPongPair pair, String key) {
        Map<String, String> annotations = pair.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(key));
    }
}
