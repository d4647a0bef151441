package dev.pingpong.operator.observe;

import dev.pingpong.operator.model.ObservedPings;
import dev.pingpong.operator.status.Conditions;
import java.time.Instant;
import java.util.Objects;

/**
 * What the operator concluded about one pair's pings, as the reconciler reads it: the figures for
 * {@code status.observed} (null before the first successful read) and the {@code PingsFlowing} condition;
 * {@code silentSince} is when the pongs stopped, set only while the condition is False.
 */
public record PingsObservation(ObservedPings figures, String status, String reason, String message,
                               Instant silentSince) {

    public static final String PONGS_ARRIVING = "PongsArriving";
    public static final String NO_PONGS = "NoPongs";
    public static final String MEASURING = "Measuring";
    public static final String SCRAPE_FAILED = "ScrapeFailed";
    public static final String NO_CLIENT_PODS = "NoClientPods";
    public static final String NOT_OBSERVED = "NotObserved";

    /** Before the first read of a pair's client pods. */
    public static PingsObservation notYet() {
        return new PingsObservation(null, Conditions.UNKNOWN, NOT_OBSERVED,
                "waiting for the first read of the client pods' /metrics", null);
    }

    /**
     * Whether {@code other} says the same as this in what a reader of {@code kubectl get} would notice: the
     * condition, the rounded RTTs and loss, the reconnects and pods. Counts of one interval and times are not
     * compared: they change on every read and alone are not worth a status write.
     */
    boolean tellsTheSameAs(PingsObservation other) {
        return other != null && status.equals(other.status) && reason.equals(other.reason)
                && (figures == null) == (other.figures == null)
                && (figures == null || Objects.equals(figures.getRttP50(), other.figures.getRttP50())
                        && Objects.equals(figures.getRttP99(), other.figures.getRttP99())
                        && Objects.equals(figures.getLoss(), other.figures.getLoss())
                        && Objects.equals(figures.getReconnects(), other.figures.getReconnects())
                        && Objects.equals(figures.getPods(), other.figures.getPods()));
    }
}
