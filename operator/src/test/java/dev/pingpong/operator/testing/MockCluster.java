package dev.pingpong.operator.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.manifests.Manifests;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.apiserver.ApiServerDispatcher;
import dev.pingpong.operator.testing.apiserver.Rbac;
import dev.pingpong.operator.testing.apiserver.RequestLog;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A test API server on loopback: fabric8's mock server in CRUD mode with the generated CRD registered (so the status
 * subresource works), behind {@link ApiServerDispatcher} (deploy/'s RBAC for the operator, the CRD's schema and CEL
 * rules, real name rules); and helpers that play the parts no controller plays there: Deployment status and Pods.
 * The test's own client acts as an administrator; the operator gets a client of its own, with the operator's token.
 * Closing it fails the test if RBAC refused the operator anything.
 */
public final class MockCluster implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);
    /** Where deploy/ grants the operator its Lease. */
    public static final String LEASE_NAMESPACE = Rbac.ACCOUNT_NAMESPACE;
    private static final Path CRD = Path.of("..", "crds", "pingpongpairs.pingpong.dev-v1.yml");

    private final KubernetesMockServer server;
    private final ApiServerDispatcher dispatcher;
    private final KubernetesClient client;
    private final List<KubernetesClient> operatorClients = new CopyOnWriteArrayList<>();

    private MockCluster(KubernetesMockServer server, ApiServerDispatcher dispatcher, KubernetesClient client) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = client;
    }

    /** A test API server for {@code user} (the test class, named in the {@link RequestLog}). */
    public static MockCluster start(Class<?> user) throws Exception {
        return start(user, Rbac.fromDeploy());
    }

    /** As {@link #start(Class)}, the operator's requests authorized by {@code rbac} (another install's roles). */
    public static MockCluster start(Class<?> user, Rbac rbac) throws Exception {
        RequestLog.clusterStarted(user.getSimpleName());
        ApiServerDispatcher dispatcher = new ApiServerDispatcher(rbac);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        try (InputStream crd = Files.newInputStream(CRD)) {
            client.apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        return new MockCluster(server, dispatcher, client);
    }

    /** Installs cert-manager's Certificate CRD, as installing cert-manager does; see {@link FakeCertManager}. */
    public void installCertManagerCrd() {
        client.apiextensions().v1().customResourceDefinitions().resource(CertManagerCrd.certificates()).create();
    }

    /** Makes every POST to {@code path} fail with 403 (a fault the test injects, not a denial of deploy/'s RBAC). */
    public void forbidPosts(String path) {
        dispatcher.inject("POST", path, 403);
    }

    /** How many {@code method} requests reached {@code path} (without query), from anyone. */
    public int requests(String method, String path) {
        return dispatcher.count(method, path);
    }

    /** How many creates, updates, patches and deletes the operator sent to children (not pairs, not Events) in {@code namespace}. */
    public int operatorChildWrites(String namespace) {
        return dispatcher.operatorChildWrites(namespace);
    }

    /** The operator's requests RBAC refused so far, which the test expected (so closing does not fail on them). */
    public List<String> takeDenials() {
        return dispatcher.takeDenials();
    }

    /** The test's client: an administrator, not subject to the operator's RBAC. */
    public KubernetesClient client() {
        return client;
    }

    /** A client with the operator's identity: everything it does is authorized against deploy/ and recorded. */
    public KubernetesClient operatorClient() {
        KubernetesClient operatorClient = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client.getConfiguration()).withOauthToken(ApiServerDispatcher.OPERATOR_TOKEN).build())
                .build();
        operatorClients.add(operatorClient);
        return operatorClient;
    }

    /**
     * A client that stores pairs as they are, without pruning, defaults or validation: what an API server with an
     * older or newer CRD may hold, which the operator must survive.
     */
    public KubernetesClient legacyClient() {
        KubernetesClient legacy = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withCustomHeaders(Map.of(ApiServerDispatcher.SKIP_ADMISSION, "true")).build()).build();
        operatorClients.add(legacy);
        return legacy;
    }

    /** The kubeconfig user token the operator's own Main must present. */
    public static String operatorToken() {
        return ApiServerDispatcher.OPERATOR_TOKEN;
    }

    /** A started operator watching every namespace. */
    public Operator startOperator(Clock clock, OperatorMetrics metrics) {
        return startOperator(clock, metrics, OperatorRuntime.Settings.defaults());
    }

    public Operator startOperator(Clock clock, OperatorMetrics metrics, OperatorRuntime.Settings settings) {
        Operator operator = OperatorRuntime.create(operatorClient(), clock, settings, metrics);
        operator.start();
        return operator;
    }

    public PingPongPair createPair(String namespace, String name, PingPongPairSpec spec) {
        return createPair(client, namespace, name, spec);
    }

    /** Creates a pair through {@code via}, e.g. {@link #legacyClient()} for one the current CRD would refuse. */
    public static PingPongPair createPair(KubernetesClient via, String namespace, String name, PingPongPairSpec spec) {
        PingPongPair pair = new PingPongPair();
        pair.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        pair.setSpec(spec);
        return via.resources(PingPongPair.class).inNamespace(namespace).resource(pair).create();
    }

    /** A spec as a user writes it, in YAML. */
    public static PingPongPairSpec spec(String yaml) {
        try {
            return Manifests.YAML.readValue(yaml, PingPongPairSpec.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replaces a pair's whole spec, as kubectl apply of an edited file would (a JSON patch: no resourceVersion race). */
    public void replaceSpec(String namespace, String name, PingPongPairSpec spec) {
        replaceSpec(client, namespace, name, spec);
    }

    /** As {@link #replaceSpec(String, String, PingPongPairSpec)} through {@code via}; returns the new generation. */
    public static long replaceSpec(KubernetesClient via, String namespace, String name, PingPongPairSpec spec) {
        String patch = "[{\"op\":\"replace\",\"path\":\"/spec\",\"value\":" + Manifests.SERIALIZATION.asJson(spec) + "}]";
        return via.resources(PingPongPair.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON), patch).getMetadata().getGeneration();
    }

    /**
     * Edits a pair's spec as {@code kubectl edit} then apply would: the change is sent as a patch of the spec alone,
     * without the resourceVersion read, so the operator's status writes in between never make it a 409.
     * Returns the new generation.
     */
    public long editSpec(String namespace, String name, Consumer<PingPongPairSpec> change) {
        return editSpec(client, namespace, name, change);
    }

    /** As {@link #editSpec(String, String, Consumer)} through {@code via}, e.g. {@link #legacyClient()}. */
    public static long editSpec(KubernetesClient via, String namespace, String name, Consumer<PingPongPairSpec> change) {
        PingPongPairSpec spec = via.resources(PingPongPair.class).inNamespace(namespace).withName(name).get().getSpec();
        change.accept(spec);
        return replaceSpec(via, namespace, name, spec);
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

    /** Sets (or, with a null value, removes) an annotation of a pair, as kubectl annotate does. */
    public void annotate(String namespace, String name, String key, String value) {
        annotate(client, namespace, name, key, value);
    }

    /**
     * As {@link #annotate(String, String, String, String)} through {@code via}, e.g. {@link #legacyClient()}: a JSON
     * merge patch without a resourceVersion, as {@code kubectl annotate} sends, so it never races the operator's
     * status writes; a null {@code value} removes the annotation.
     */
    public static void annotate(KubernetesClient via, String namespace, String name, String key, String value) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("metadata").putObject("annotations").put(key, value);
        via.resources(PingPongPair.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    /** The Events with {@code reason} recorded in {@code namespace}. */
    public List<Event> events(String namespace, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> reason.equals(event.getReason())).toList();
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
     * Plays the kubelet for a ready client pod at 127.0.0.1 whose {@code http} port (/metrics) is
     * {@code metricsPort}: a {@link ClientPodStandIn}'s.
     */
    public Pod putClientPod(Children children, String podName, int metricsPort, Instant since) {
        Pod pod = new PodBuilder(putPod(children, Side.CLIENT, podName, true, null, since))
                .editSpec().editFirstContainer().addNewPort().withName("http").withContainerPort(metricsPort)
                .withProtocol("TCP").endPort().endContainer().endSpec()
                .editStatus().withPodIP("127.0.0.1").withPhase("Running").endStatus()
                .build();
        return client.pods().inNamespace(children.namespace()).resource(pod).update();
    }

    /**
     * Makes the operator look again, as any change of a child would (the test moved the clock, and the operator's
     * own timer runs on real time): annotates the side's Deployment.
     */
    public void nudge(Children children, Side side) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("metadata").putObject("annotations")
                .put("test.pingpong.dev/nudge", Long.toString(System.nanoTime()));
        client.apps().deployments().inNamespace(children.namespace()).withName(children.deployment(side))
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }

    public void deletePod(Children children, String podName) {
        client.pods().inNamespace(children.namespace()).withName(podName).delete();
    }

    /** Polls until {@code check} returns true; fails with {@code what} after {@link #WAIT}. */
    public static void await(String what, Supplier<Boolean> check) {
        await(what, WAIT, check);
    }

    /** Polls until {@code check} returns true; fails with {@code what} after {@code wait}. */
    public static void await(String what, Duration wait, Supplier<Boolean> check) {
        long deadline = System.nanoTime() + wait.toNanos();
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
        throw new AssertionError("timed out after " + wait.toSeconds() + "s waiting for " + what, last);
    }

    public static boolean isTrue(Optional<Condition> condition) {
        return condition.map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** Fails the test if RBAC refused the operator anything while it ran here. */
    @Override
    public void close() {
        operatorClients.forEach(KubernetesClient::close);
        client.close();
        server.destroy();
        List<String> denials = dispatcher.denials();
        if (!denials.isEmpty()) {
            throw new AssertionError("deploy/'s RBAC refused the operator: " + denials);
        }
    }
}
