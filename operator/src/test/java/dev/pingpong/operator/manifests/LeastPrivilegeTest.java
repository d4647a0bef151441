package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pingpong.operator.testing.apiserver.Rbac;
import dev.pingpong.operator.testing.apiserver.RequestLog;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * deploy/'s ClusterRole and Role grant exactly what the operator used across the whole suite, no more and no fewer:
 * every request the operator made to a test API server was authorized against them (a denial fails the test that
 * made it), and every verb they grant was used by some request, or is demanded by a check named here.
 */
@Order(Integer.MAX_VALUE)
class LeastPrivilegeTest {

    /** The test classes whose operators exercise every grant; without all of them the comparison means nothing. */
    private static final Set<String> EXERCISING = Set.of("PairLifecycleTest", "CertificateRotationTest",
            "RecoveryTest", "LeaderElectionTest", "OperatorRestartTest", "MainOnMockServerTest", "AdoptionTest",
            "UnreadablePairTest", "CertManagerIssuerTest",
            "ServerGuardsTest");

    /** Granted although the operator never sends such a request, and why. */
    private static final Map<String, String> DEMANDED = Map.of(
            "update coordination.k8s.io/leases",
            "java-operator-sdk's start check (a SelfSubjectRulesReview) demands get, create and update on Leases");

    @Test
    void theRolesGrantExactlyWhatTheOperatorUses() {
        assumeTrue(RequestLog.clusters().containsAll(EXERCISING),
                "run the whole suite: only " + RequestLog.clusters() + " of " + EXERCISING + " ran");
        Map<RequestLog.Kind, Set<Rbac.Grant>> used = RequestLog.used();
        used.forEach((kind, grants) -> System.out.println("request " + kind + " granted by " + grants));

        Set<Rbac.Grant> unused = new LinkedHashSet<>(Rbac.fromDeploy().grants());
        used.values().forEach(unused::removeAll);
        unused.removeIf(grant -> DEMANDED.containsKey(grant.verb() + " " + grant.group() + "/" + grant.resource()));
        assertEquals(List.of(), List.copyOf(unused), "granted in deploy/ but never used by the operator");
    }
}
