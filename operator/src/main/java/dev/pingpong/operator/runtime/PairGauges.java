package dev.pingpong.operator.runtime;

import dev.pingpong.app.MetricsCollector;
import dev.pingpong.app.MetricsWriter;
import dev.pingpong.operator.model.Side;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The per-pair gauges, from the status each pair's last reconcile wrote: one series per pair (per side for
 * restarts), so their number follows the pairs, and a deleted pair's series go with it. The certificate's time to
 * expiry is computed at scrape time, so it keeps falling between reconciles.
 */
final class PairGauges implements MetricsCollector {

    static final String READY = "pingpong_pair_ready";
    static final String CERTIFICATE_EXPIRY = "pingpong_pair_certificate_expiry_seconds";
    static final String RESTARTS = "pingpong_pair_restarts";
    static final String RECOVERY_EXHAUSTED = "pingpong_pair_recovery_exhausted";
    static final String PAUSED = "pingpong_pair_paused";
    private static final List<String> PAIR_LABELS = List.of("namespace", "pair");
    private static final List<String> SIDE_LABELS = List.of("namespace", "pair", "side");

    record Key(String namespace, String pair) {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::namespace).thenComparing(Key::pair);
    }

    /** What the gauges say of one pair; {@code notAfter} is empty while no certificate is known. */
    record State(boolean ready, Optional<Instant> notAfter, Map<Side, Integer> restarts, boolean recoveryExhausted,
                 boolean paused) {
    }

    private final Clock clock;
    private final Map<Key, State> pairs = new ConcurrentSkipListMap<>(Key.ORDER);

    PairGauges(Clock clock) {
        this.clock = clock;
    }

    void put(Key key, State state) {
        pairs.put(key, state);
    }

    void remove(Key key) {
        pairs.remove(key);
    }

    @Override
    public void collect(MetricsWriter out) {
        List<Map.Entry<Key, State>> snapshot = List.copyOf(pairs.entrySet()); // sorted, one state per pair
        flag(out, READY, "1 while the pair's Ready condition is True, else 0", snapshot, State::ready);
        Instant now = clock.instant();
        out.family(CERTIFICATE_EXPIRY, "gauge",
                "Seconds until the server certificate's notAfter (negative once it expired)");
        for (Map.Entry<Key, State> pair : snapshot) {
            pair.getValue().notAfter().ifPresent(notAfter -> out.sample(CERTIFICATE_EXPIRY, PAIR_LABELS,
                    labels(pair.getKey()), Duration.between(now, notAfter).toMillis() / 1000.0));
        }
        out.family(RESTARTS, "gauge", "Restarts of a side by recovery, as status.restarts counts them");
        for (Map.Entry<Key, State> pair : snapshot) {
            for (Side side : Side.values()) {
                out.sample(RESTARTS, SIDE_LABELS, List.of(pair.getKey().namespace(), pair.getKey().pair(),
                        side.component()), pair.getValue().restarts().getOrDefault(side, 0));
            }
        }
        flag(out, RECOVERY_EXHAUSTED, "1 while recovery stopped restarting a side (maxRestartsPerHour reached)",
                snapshot, State::recoveryExhausted);
        flag(out, PAUSED, "1 while the pair is paused (annotation pingpong.dev/paused=true)", snapshot,
                State::paused);
    }

    private static void flag(MetricsWriter out, String name, String help, List<Map.Entry<Key, State>> snapshot,
                             Predicate<State> flag) {
        out.family(name, "gauge", help);
        for (Map.Entry<Key, State> pair : snapshot) {
            out.sample(name, PAIR_LABELS, labels(pair.getKey()), flag.test(pair.getValue()) ? 1 : 0);
        }
    }

    private static List<String> labels(Key key) {
        return List.of(key.namespace(), key.pair());
    }
}
