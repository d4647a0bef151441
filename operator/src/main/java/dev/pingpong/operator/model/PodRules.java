package dev.pingpong.operator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The label and annotation keys the operator keeps for itself on a pair's pods, and the operator's own check of
 * {@link PodSettings} (the same as the CRD's rules): a user label may not move a pod out of its Deployment's selector
 * or out of the operator's sight, nor fake a restart mark.
 */
public final class PodRules {

    public static final String NAME_LABEL = "app.kubernetes.io/name";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    /** Labels and annotations under this prefix are the operator's (pingpong.dev/restartedAt, ...). */
    public static final String RESERVED_PREFIX = "pingpong.dev/";
    private static final List<String> RESERVED_LABELS = List.of(NAME_LABEL, INSTANCE_LABEL, COMPONENT_LABEL,
            MANAGED_BY_LABEL);

    private PodRules() {
    }

    /** Every problem of {@code pod} (which may be null), each naming {@code field} ("server.pod"). */
    static List<String> problems(String field, PodSettings pod) {
        List<String> problems = new ArrayList<>();
        if (pod == null) {
            return problems;
        }
        Map<String, String> labels = Optional.ofNullable(pod.getLabels()).orElse(Map.of());
        labels.keySet().stream().filter(key -> RESERVED_LABELS.contains(key) || key.startsWith(RESERVED_PREFIX))
                .sorted().forEach(key -> problems.add(field + ".labels: \"" + key + "\" is set by the operator"));
        Optional.ofNullable(pod.getAnnotations()).orElse(Map.of()).keySet().stream()
                .filter(key -> key.startsWith(RESERVED_PREFIX)).sorted()
                .forEach(key -> problems.add(field + ".annotations: \"" + key + "\" is set by the operator"));
        tooMany(problems, field + ".labels", size(pod.getLabels()), PodSettings.MAX_ENTRIES);
        tooMany(problems, field + ".annotations", size(pod.getAnnotations()), PodSettings.MAX_ENTRIES);
        tooMany(problems, field + ".nodeSelector", size(pod.getNodeSelector()), PodSettings.MAX_ENTRIES);
        tooMany(problems, field + ".tolerations", size(pod.getTolerations()), PodSettings.MAX_ENTRIES);
        tooMany(problems, field + ".topologySpreadConstraints", size(pod.getTopologySpreadConstraints()),
                PodSettings.MAX_CONSTRAINTS);
        tooMany(problems, field + ".imagePullSecrets", size(pod.getImagePullSecrets()), PodSettings.MAX_CONSTRAINTS);
        if (pod.getPriorityClassName() != null && pod.getPriorityClassName().length() > PodSettings.MAX_NAME) {
            problems.add(field + ".priorityClassName: longer than " + PodSettings.MAX_NAME + " characters");
        }
        return problems;
    }

    private static void tooMany(List<String> problems, String field, int size, int maximum) {
        if (size > maximum) {
            problems.add(field + ": " + size + " entries, at most " + maximum);
        }
    }

    private static int size(Object value) {
        return value instanceof Map<?, ?> map ? map.size() : value instanceof List<?> list ? list.size() : 0;
    }
}
