package dev.pingpong.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * metav1.Condition bookkeeping. lastTransitionTime changes only when a condition's status changes, so
 * {@code kubectl wait} and dashboards see real transitions, not every reconcile; reason, message and
 * observedGeneration always follow the latest reconcile.
 */
public final class Conditions {

    public static final String READY = "Ready";
    public static final String SERVER_READY = "ServerReady";
    public static final String CLIENT_READY = "ClientReady";
    public static final String CERTIFICATE_READY = "CertificateReady";
    public static final String PINGS_FLOWING = "PingsFlowing";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";
    public static final String PAUSED = "Paused";

    private Conditions() {
    }

    /** Returns a new list with {@code type} set; the input list and its conditions are left untouched. */
    public static List<Condition> set(List<Condition> current, String type, boolean status, String reason,
                                      String message, long observedGeneration, Instant now) {
        return set(current, type, status ? TRUE : FALSE, reason, message, observedGeneration, now);
    }

    /** As above, for a condition that can also be {@link #UNKNOWN}. */
    public static List<Condition> set(List<Condition> current, String type, String statusText, String reason,
                                      String message, long observedGeneration, Instant now) {
        List<Condition> updated = new ArrayList<>();
        boolean found = false;
        for (Condition condition : current == null ? List.<Condition>of() : current) {
            if (type.equals(condition.getType())) {
                found = true;
                String transition = statusText.equals(condition.getStatus()) && condition.getLastTransitionTime() != null
                        ? condition.getLastTransitionTime() : timestamp(now);
                updated.add(condition(type, statusText, reason, message, observedGeneration, transition));
            } else {
                updated.add(new ConditionBuilder(condition).build());
            }
        }
        if (!found) {
            updated.add(condition(type, statusText, reason, message, observedGeneration, timestamp(now)));
        }
        return updated;
    }

    /** Returns a new list without {@code type}: for a condition nothing reports any more. */
    public static List<Condition> remove(List<Condition> current, String type) {
        return current == null ? List.of() : current.stream().filter(condition -> !type.equals(condition.getType()))
                .map(condition -> new ConditionBuilder(condition).build()).toList();
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    /** RFC 3339 in UTC at second precision, as metav1.Time serializes. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Condition condition(String type, String status, String reason, String message,
                                       long observedGeneration, String lastTransitionTime) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(observedGeneration).withLastTransitionTime(lastTransitionTime).build();
    }
}
