package dev.pingpong.operator.testing.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The name and label rules of a real API server's object validation, which fabric8's mock server does not apply:
 * Services and Namespaces are DNS labels (a Service a DNS-1035 one: a letter first), everything else here a
 * DNS-1123 subdomain; label values at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both ends.
 */
final class ObjectNames {

    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private ObjectNames() {
    }

    /** Every reason the API server would refuse {@code name} and {@code labels} for an object of {@code resource}. */
    static List<String> violations(String resource, String name, Map<String, String> labels) {
        List<String> problems = new ArrayList<>();
        if (name != null) {
            switch (resource) {
                case "services" -> check(problems, name, DNS_1035_LABEL, 63, "a DNS-1035 label");
                case "namespaces" -> check(problems, name, DNS_1123_LABEL, 63, "a DNS-1123 label");
                default -> check(problems, name, DNS_1123_SUBDOMAIN, 253, "a DNS-1123 subdomain");
            }
        }
        if (labels != null) {
            labels.forEach((key, value) -> {
                if (value != null && (value.length() > 63 || !LABEL_VALUE.matcher(value).matches())) {
                    problems.add("metadata.labels: Invalid value: \"" + value + "\" for " + key
                            + ": a label value must be at most 63 characters of [A-Za-z0-9_.-], alphanumeric at both ends");
                }
            });
        }
        return problems;
    }

    private static void check(List<String> problems, String name, Pattern pattern, int maxLength, String what) {
        if (name.length() > maxLength || !pattern.matcher(name).matches()) {
            problems.add("metadata.name: Invalid value: \"" + name + "\": must be " + what + " of at most "
                    + maxLength + " characters");
        }
    }
}
