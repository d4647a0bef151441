package dev.pingpong.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The server's PodDisruptionBudget as resolved: exactly one of minAvailable and maxUnavailable is set. The default,
 * maxUnavailable 1, never blocks draining the node of a single replica and keeps all but one of several serving;
 * a minAvailable of 1 with one replica would block every voluntary eviction of it.
 */
public record DisruptionBudget(boolean enabled, IntOrString minAvailable, IntOrString maxUnavailable) {

    public static final int DEFAULT_MAX_UNAVAILABLE = 1;
    private static final Pattern PERCENT = Pattern.compile(DisruptionBudgetSpec.PERCENT_PATTERN);

    /** {@code given} (may be null) with the default applied; its problems, naming the field, go to {@code problems}. */
    static DisruptionBudget resolve(DisruptionBudgetSpec given, List<String> problems) {
        DisruptionBudgetSpec spec = Optional.ofNullable(given).orElseGet(DisruptionBudgetSpec::new);
        String field = "server.podDisruptionBudget";
        check(field + ".minAvailable", spec.getMinAvailable(), problems);
        check(field + ".maxUnavailable", spec.getMaxUnavailable(), problems);
        if (spec.getMinAvailable() != null && spec.getMaxUnavailable() != null) {
            problems.add(field + ": set minAvailable or maxUnavailable, not both");
        }
        IntOrString maxUnavailable = spec.getMinAvailable() == null && spec.getMaxUnavailable() == null
                ? new IntOrString(DEFAULT_MAX_UNAVAILABLE) : spec.getMaxUnavailable();
        return new DisruptionBudget(!Boolean.FALSE.equals(spec.getEnabled()), spec.getMinAvailable(), maxUnavailable);
    }

    /** A count of at least 0 or a percentage from 0% to 100%, as the CRD's rules say. */
    private static void check(String field, IntOrString value, List<String> problems) {
        if (value == null) {
            return;
        }
        boolean valid = value.getIntVal() != null ? value.getIntVal() >= 0
                : value.getStrVal() != null && PERCENT.matcher(value.getStrVal()).matches();
        if (!valid) {
            Object shown = value.getIntVal() != null ? value.getIntVal() : "\"" + value.getStrVal() + "\"";
            problems.add(field + ": " + shown + " is neither a count >= 0 nor a percentage 0%..100%");
        }
    }
}
