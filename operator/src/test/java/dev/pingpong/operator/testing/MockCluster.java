package dev.pingpong.operator.testing;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.function.Supplier;

/**
 * fabric8's mock API server in CRUD mode on loopback, with the generated CRD registered (so the status
 * subresource works), and helpers that play the parts no controller plays there: Deployment status and Pods.
 */
public final class MockCluster implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path CRD = Path.of("..", "crds", "pingpongpairs.pingpong.dev-v1.yml");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockCluster(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    public static MockCluster start() throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        try (InputStream crd = Files.newInputStream(CRD)) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        return new MockCluster(server, client);
    }

    /** Plays the RBAC authorizer for leader election: this user may get, create and update Leases. */
    public void allowLeases(String namespace) {
        SelfSubjectRulesReview review = new SelfSubjectRulesReviewBuilder()
                .withNewMetadata().endMetadata()
                .withNewSpec().withNamespace(namespace).endSpec()
                .withNewStatus().withIncomplete(false)
                .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
                .withVerbs("get", "create", "update").endResourceRule()
                .endStatus()
                .build();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, review).always();
    }

    /** Makes every POST to {@code path} fail with 403, as RBAC without the create verb would. */
    public void forbidPosts(String path) {
        server.expect().post().withPath(path).andReturn(403, new StatusBuilder().withCode(403)
                .withMessage("forbidden: cannot create resource").withReason("Forbidden").build()).always();
    }

    public KubernetesClient client() {
        return client;
    }

    /** A started operator watching every namespace. */
    public Operator startOperator(Clock clock, OperatorMetrics metrics) {
        return startOperator(clock, metrics, Optional.empty());
    }

    public Operator startOperator(Clock clock, OperatorMetrics metrics,
                                  Optional<OperatorRuntime.LeaderElection> leaderElection) {
        Operator operator = OperatorRuntime.create(client, clock, Set.of(), leaderElection, metrics);
        operator.start();
        return operator;
    }

    public PingPongPair createPair(String namespace, String name, PingPongPairSpec spec) {
        PingPongPair pair = new PingPongPair();
        pair.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        pair.setSpec(spec);
        return client.resources(PingPongPair.class).inNamespace(namespace).resource(pair).create();
    }

    public PingPongPair pair(String namespace, String name) {
        return client.resources(PingPongPair.class).inNamespace(namespace).withName(name).get();
    }

    public Optional<Condition> condition(String namespace, String name, String type) {
        PingPongPair pair = pair(namespace, name);
        if (pair == null || pair.getStatus() == null) {
            return Optional.empty();
        }
        return Conditions.find(pair.getStatus().getConditions(), type);
    }

    public Deployment deployment(Children children, Side side) {
        return client.apps().deployments().inNamespace(children.namespace()).withName(children.deployment(side)).get();
    }

    /** Plays the Deployment controller: reports {@code ready} of the wanted replicas ready. */
    public void reportReady(Children children, Side side, int ready) {
        client.apps().deployments().inNamespace(children.namespace()).withName(children.deployment(side))
                .editStatus(deployment -> {
                    int wanted = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
                    deployment.setStatus(new DeploymentStatusBuilder().withReplicas(wanted).withReadyReplicas(ready)
                            .withUpdatedReplicas(wanted).withAvailableReplicas(ready)
                            .withObservedGeneration(deployment.getMetadata().getGeneration()).build());
                    return deployment;
                });
    }

    /**
     * Plays the kubelet: a pod of {@code side} whose container waits for {@code waitingReason} (or null) and whose
     * Ready condition is {@code ready} since {@code since}.
     */
    public Pod putPod(Children children, Side side, String podName, boolean ready, String waitingReason, Instant since) {
        ContainerState state = waitingReason == null
                ? new ContainerStateBuilder().withNewRunning().withStartedAt(Conditions.timestamp(since)).endRunning().build()
                : new ContainerStateBuilder().withNewWaiting().withReason(waitingReason).endWaiting().build();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(children.namespace())
                .withLabels(children.labels(side)).endMetadata()
                .withNewSpec().addNewContainer().withName(side.component()).withImage("image").endContainer().endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withLastTransitionTime(Conditions.timestamp(since)).endCondition()
                .addNewContainerStatus().withName(side.component()).withReady(ready).withState(state).endContainerStatus()
                .endStatus()
                .build();
        return client.pods().inNamespace(children.namespace()).resource(pod).createOr(existing -> existing.update());
    }

    /**
     * Makes the operator look again, as any change of a child would (the test moved the clock, and the operator's
     * own timer runs on real time): annotates the side's Deployment.
     */
    public void nudge(Children children, Side side) {
        client.apps().deployments().inNamespace(children.namespace()).withName(children.deployment(side))
                .edit(deployment -> {
                    deployment.getMetadata().getAnnotations().put("test.pingpong.dev/nudge",
                            Long.toString(System.nanoTime()));
                    return deployment;
                });
    }

    public void deletePod(Children children, String podName) {
        client.pods().inNamespace(children.namespace()).withName(podName).delete();
    }

    /** Polls until {@code check} returns true; fails with {@code what} after {@link #WAIT}. */
    public static void await(String what, Supplier<Boolean> check) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(check.get())) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + WAIT.toSeconds() + "s waiting for " + what, last);
    }

    public static boolean isTrue(Optional<Condition> condition) {
        return condition.map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
