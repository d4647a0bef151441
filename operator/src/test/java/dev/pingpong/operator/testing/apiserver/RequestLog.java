package dev.pingpong.operator.testing.apiserver;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every kind of request the operator made to a test API server in this JVM (the whole test suite runs in one), with
 * the RBAC grant that allowed it: the evidence that deploy/'s roles grant exactly what the operator uses.
 */
public final class RequestLog {

    /**
     * A kind of request: verb, API group, resource (with subresource), and whether it was made in one namespace,
     * across all namespaces or on a cluster-scoped resource.
     */
    public record Kind(String verb, String group, String resource, String scope) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + " [" + scope + "]";
        }
    }

    private static final Map<Kind, Set<Rbac.Grant>> USED = new ConcurrentHashMap<>();
    private static final Set<String> CLUSTERS = ConcurrentHashMap.newKeySet();

    private RequestLog() {
    }

    static void granted(Kind kind, Rbac.Grant grant) {
        USED.computeIfAbsent(kind, key -> ConcurrentHashMap.newKeySet()).add(grant);
    }

    public static void clusterStarted(String name) {
        CLUSTERS.add(name);
    }

    /** What was requested so far, sorted, each with the grants that allowed it (one per install it ran under). */
    public static Map<Kind, Set<Rbac.Grant>> used() {
        Map<Kind, Set<Rbac.Grant>> sorted = new TreeMap<>(Comparator.comparing(Kind::toString));
        sorted.putAll(USED);
        return sorted;
    }

    /** The names of the test API servers started in this JVM (one per test class that uses one). */
    public static Set<String> clusters() {
        return Set.copyOf(CLUSTERS);
    }
}
