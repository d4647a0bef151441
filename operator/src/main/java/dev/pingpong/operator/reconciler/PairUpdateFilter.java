package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which changes of a pair call for a reconcile: a new generation (the spec changed), or a new value of one of the
 * annotations that steer the operator. Status writes and other metadata changes do not: they would cost a reconcile
 * per status patch.
 */
public final class PairUpdateFilter implements OnUpdateFilter<PingPongPair> {

    @Override
    public boolean accept(PingPongPair updated, PingPongPair old) {
        Long before = old.getMetadata().getGeneration();
        Long after = updated.getMetadata().getGeneration();
        return before == null || after == null || before < after
                || PairAnnotations.paused(old) != PairAnnotations.paused(updated)
                || !Objects.equals(PairAnnotations.renewNow(old), PairAnnotations.renewNow(updated));
    }
}
