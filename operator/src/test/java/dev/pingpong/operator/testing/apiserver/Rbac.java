package dev.pingpong.operator.testing.apiserver;

import dev.pingpong.operator.manifests.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The RBAC authorizer for the operator's service account, from the roles and bindings of an install: a ClusterRole
 * bound by a ClusterRoleBinding grants in every namespace (and cluster-wide), a Role bound by a RoleBinding only in
 * its namespace. Rules are matched as the API server does (groups, resources with subresource, verbs, resourceNames),
 * wildcards included.
 */
public final class Rbac {

    public static final String ACCOUNT = "pingpong-operator";
    public static final String ACCOUNT_NAMESPACE = "pingpong-system";

    /** One verb on one group/resource granted by one role; {@code namespace} null for a ClusterRole. */
    public record Grant(String role, String namespace, String group, String resource, String verb) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + " (" + role
                    + (namespace == null ? "" : " in " + namespace) + ")";
        }
    }

    private record BoundRule(String role, String namespace, PolicyRule rule) {
    }

    private final List<BoundRule> rules;

    private Rbac(List<BoundRule> rules) {
        this.rules = rules;
    }

    /** The cluster-wide install's roles, as the test API server enforces them. */
    public static Rbac fromDeploy() {
        return of(Manifests.deployObjects(), ACCOUNT_NAMESPACE);
    }

    /** The roles among {@code objects} bound to the operator's account, which lives in {@code accountNamespace}. */
    public static Rbac of(List<HasMetadata> objects, String accountNamespace) {
        List<BoundRule> rules = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding && boundToOperator(binding.getSubjects(), accountNamespace)) {
                objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                        .filter(role -> role.getMetadata().getName().equals(binding.getRoleRef().getName()))
                        .forEach(role -> role.getRules().forEach(rule ->
                                rules.add(new BoundRule("ClusterRole " + role.getMetadata().getName(), null, rule))));
            }
            if (object instanceof RoleBinding binding && boundToOperator(binding.getSubjects(), accountNamespace)) {
                String namespace = binding.getMetadata().getNamespace();
                objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
                        .filter(role -> role.getMetadata().getName().equals(binding.getRoleRef().getName())
                                && namespace.equals(role.getMetadata().getNamespace()))
                        .forEach(role -> role.getRules().forEach(rule ->
                                rules.add(new BoundRule("Role " + role.getMetadata().getName(), namespace, rule))));
            }
        }
        return new Rbac(rules);
    }

    private static boolean boundToOperator(List<Subject> subjects, String accountNamespace) {
        return subjects.stream().anyMatch(subject -> "ServiceAccount".equals(subject.getKind())
                && ACCOUNT.equals(subject.getName()) && accountNamespace.equals(subject.getNamespace()));
    }

    /**
     * These roles plus what Kubernetes grants every authenticated account (ClusterRole system:basic-user): create on
     * SelfSubjectAccessReviews and SelfSubjectRulesReviews, which a Role cannot grant.
     */
    public Rbac withBasicUser() {
        List<BoundRule> all = new ArrayList<>(rules);
        all.add(new BoundRule("ClusterRole system:basic-user", null, new PolicyRuleBuilder()
                .withApiGroups("authorization.k8s.io")
                .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews")
                .withVerbs("create").build()));
        return new Rbac(all);
    }

    /** The grant that allows {@code verb} on {@code group}/{@code resource} (with subresource) in {@code namespace}. */
    public Optional<Grant> authorize(String verb, String group, String resource, String namespace, String name) {
        for (BoundRule bound : rules) {
            PolicyRule rule = bound.rule();
            boolean inScope = bound.namespace() == null || bound.namespace().equals(namespace);
            boolean named = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || (name != null && rule.getResourceNames().contains(name));
            if (inScope && named && matches(rule.getApiGroups(), group) && matches(rule.getResources(), resource)
                    && matches(rule.getVerbs(), verb)) {
                return Optional.of(new Grant(bound.role(), bound.namespace(), group, resource, verb));
            }
        }
        return Optional.empty();
    }

    /** Every verb/resource combination the roles grant (wildcards as written). */
    public Set<Grant> grants() {
        Set<Grant> grants = new LinkedHashSet<>();
        for (BoundRule bound : rules) {
            for (String group : bound.rule().getApiGroups()) {
                for (String resource : bound.rule().getResources()) {
                    for (String verb : bound.rule().getVerbs()) {
                        grants.add(new Grant(bound.role(), bound.namespace(), group, resource, verb));
                    }
                }
            }
        }
        return grants;
    }

    /** What a SelfSubjectRulesReview answers for {@code namespace}: the rules that apply there. */
    public List<ResourceRule> rulesIn(String namespace) {
        return rules.stream()
                .filter(bound -> bound.namespace() == null || bound.namespace().equals(namespace))
                .map(bound -> new ResourceRuleBuilder().withApiGroups(bound.rule().getApiGroups())
                        .withResources(bound.rule().getResources()).withVerbs(bound.rule().getVerbs())
                        .withResourceNames(bound.rule().getResourceNames()).build())
                .toList();
    }

    private static boolean matches(List<String> allowed, String value) {
        return allowed != null && (allowed.contains("*") || allowed.contains(value));
    }
}
