package dev.pingpong.operator.testing.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pingpong.operator.manifests.Manifests;
import dev.pingpong.operator.testing.CertManagerCrd;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's mock API server (CRUD mode) behind the checks a real API server makes where they matter to the operator:
 * <ul>
 * <li>RBAC from deploy/ for every request with the operator's token (a denied request gets 403 and is kept for the
 * test to fail on), SelfSubjectRulesReviews answered from the same roles, and the OwnerReferencesPermissionEnforcement
 * check (blockOwnerDeletion needs update on the owner's finalizers); every granted request kind is recorded
 * ({@link RequestLog});</li>
 * <li>for PingPongPairs and cert-manager Certificates (created, updated, patched, status included): pruning,
 * defaults, OpenAPI schema and CEL rules of their CRDs ({@link CustomResourceAdmission}, {@link CertManagerCrd});</li>
 * <li>a custom resource whose CRD is not installed is not found (404), as on a cluster without it; fabric8's
 * mock server would serve any path;</li>
 * <li>object names and label values a real server refuses ({@link ObjectNames}); a Secret's stringData stored
 * as data; a Deployment's container quantities parsed and stored in canonical form ({@link Quantities});</li>
 * <li>what {@code kubectl get ppp} needs: discovery ({@link Discovery}) and pairs as a Table of the CRD's printer
 * columns ({@link PrinterTable}).</li>
 * </ul>
 * Requests without the operator's token are the test's own (an administrator, like kubectl), not authorized.
 */
public final class ApiServerDispatcher extends Dispatcher {

    public static final String OPERATOR_TOKEN = "pingpong-operator";
    /** Sent by the test's "legacy" client: stores a pair as it is, as an API server with an older CRD did. */
    public static final String SKIP_ADMISSION = "X-Test-Skip-Admission";
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITES = Set.of("create", "update", "patch");
    private static final Set<String> CHANGES = Set.of("create", "update", "patch", "delete", "deletecollection");

    private record Fault(String method, String path, int code) {
    }

    private final KubernetesCrudDispatcher store = new KubernetesCrudDispatcher();
    private final Rbac rbac;
    /** By "group/resource". */
    private final Map<String, CustomResourceAdmission> admissions = Map.of(
            "pingpong.dev/pingpongpairs", CustomResourceAdmission.of(Manifests.crd()),
            "cert-manager.io/certificates", CustomResourceAdmission.of(CertManagerCrd.certificates()));
    private final Discovery discovery = new Discovery(this::installedCrds);
    private final PrinterTable table = new PrinterTable(
            Manifests.crd().getSpec().getVersions().get(0).getAdditionalPrinterColumns());
    private final List<String> denials = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> childWrites = new ConcurrentHashMap<>();

    /** Enforcing deploy/'s cluster-wide install. */
    public ApiServerDispatcher() {
        this(Rbac.fromDeploy());
    }

    /** Enforcing {@code rbac} for the operator's token. */
    public ApiServerDispatcher(Rbac rbac) {
        this.rbac = rbac;
    }

    /** Requests of the operator that RBAC refused, each as "verb group/resource in namespace". */
    public List<String> denials() {
        return List.copyOf(denials);
    }

    /** The denials so far, which the test expected: forgotten once taken. */
    public List<String> takeDenials() {
        List<String> taken = List.copyOf(denials);
        denials.removeAll(taken);
        return taken;
    }

    /** How many {@code method} requests reached {@code path} (query ignored). */
    public int count(String method, String path) {
        return counts.getOrDefault(method + " " + path, new AtomicInteger()).get();
    }

    /** Writes the operator sent in {@code namespace} to anything but pairs and Events: to the pairs' children. */
    public int operatorChildWrites(String namespace) {
        return childWrites.getOrDefault(namespace, new AtomicInteger()).get();
    }

    /** Makes every {@code method} request to {@code path} fail with {@code code} (a fault, not an RBAC denial). */
    public void inject(String method, String path, int code) {
        faults.add(new Fault(method, path, code));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().readUtf8();
        ApiRequest api = ApiRequest.parse(request.getMethod(), request.getPath());
        counts.computeIfAbsent(request.getMethod() + " " + api.path(), key -> new AtomicInteger()).incrementAndGet();
        boolean operator = ("Bearer " + OPERATOR_TOKEN).equals(request.getHeader("Authorization"));
        if (operator && api.isResourceRequest() && api.namespace() != null && CHANGES.contains(api.verb())
                && !Set.of("pingpongpairs", "events").contains(api.resource())) {
            childWrites.computeIfAbsent(api.namespace(), key -> new AtomicInteger()).incrementAndGet();
        }
        if (operator && api.isResourceRequest()) {
            Optional<MockResponse> refused = authorize(api.verb(), api.group(), api.rbacResource(), api.namespace(),
                    api.name());
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        for (Fault fault : faults) {
            if (fault.method().equals(request.getMethod()) && api.path().equals(fault.path())) {
                return status(fault.code(), fault.code() == 403 ? "Forbidden" : "Injected", "injected by the test");
            }
        }
        if ("GET".equals(request.getMethod()) && !api.isResourceRequest()) {
            Optional<String> document = discovery.document(api.path());
            if (document.isPresent()) {
                return new MockResponse().setResponseCode(200).setBody(document.get());
            }
        }
        String accept = request.getHeader("Accept");
        if ("pingpongpairs".equals(api.resource()) && api.subresource() == null && accept != null && accept.contains("as=Table")
                && ("list".equals(api.verb()) || "get".equals(api.verb()))) {
            MockResponse stored = store.dispatch(copy(request, request.getMethod(), body));
            if (stored.code() != 200) {
                return stored;
            }
            try {
                return new MockResponse().setResponseCode(200)
                        .setBody(table.render(JSON.readTree(stored.getBody().readUtf8()), java.time.Instant.now()));
            } catch (JsonProcessingException e) {
                return status(500, "InternalError", "stored pairs are not JSON: " + e.getOriginalMessage());
            }
        }
        if (api.isResourceRequest() && custom(api.group())
                && store.handleGet(CRDS + api.resource() + "." + api.group()).code() != 200) {
            return status(404, "NotFound", "the server could not find the requested resource");
        }
        if ("selfsubjectrulesreviews".equals(api.resource()) && "create".equals(api.verb())) {
            return rulesReview(body, operator);
        }
        if (api.isResourceRequest() && WRITES.contains(api.verb())
                && (api.subresource() == null || "status".equals(api.subresource()))) {
            try {
                return write(request, api, body, operator);
            } catch (JsonProcessingException e) {
                return status(400, "BadRequest", "body is not JSON: " + e.getOriginalMessage());
            }
        }
        return store.dispatch(copy(request, request.getMethod(), body));
    }

    /** The CRDs registered in the store now. */
    private List<CustomResourceDefinition> installedCrds() {
        MockResponse list = store.handleGet(CRDS.substring(0, CRDS.length() - 1));
        return list.code() != 200 ? List.of() : Manifests.SERIALIZATION
                .unmarshal(list.getBody().readUtf8(), CustomResourceDefinitionList.class).getItems();
    }

    private MockResponse write(RecordedRequest request, ApiRequest api, String body, boolean operator)
            throws JsonProcessingException {
        JsonNode object = "patch".equals(api.verb()) ? null : JSON.readTree(body);
        if (object != null && "secrets".equals(api.resource()) && object.has("stringData")) {
            body = JSON.writeValueAsString(withStringDataEncoded((ObjectNode) object));
        }
        if (object != null && "deployments".equals(api.resource()) && api.subresource() == null) {
            List<String> refused = Quantities.canonicalizeDeployment(object);
            if (!refused.isEmpty()) {
                return status(422, "Invalid", "Deployment.apps \"" + object.path("metadata").path("name").asText()
                        + "\" is invalid: " + String.join("; ", refused));
            }
            body = JSON.writeValueAsString(object);
        }
        if (object != null && api.subresource() == null) {
            JsonNode metadata = object.path("metadata");
            @SuppressWarnings("unchecked")
            Map<String, String> labels = metadata.has("labels") ? JSON.convertValue(metadata.get("labels"), Map.class)
                    : null;
            List<String> problems = ObjectNames.violations(api.resource(),
                    metadata.has("name") ? metadata.get("name").asText() : null, labels);
            if (!problems.isEmpty()) {
                return status(422, "Invalid", String.join("; ", problems));
            }
        }
        if (operator && object != null) {
            for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
                if (owner.path("blockOwnerDeletion").asBoolean(false)) {
                    // OwnerReferencesPermissionEnforcement: blocking the owner's deletion needs update on its finalizers
                    Optional<MockResponse> refused = authorize("update", group(owner.path("apiVersion").asText()),
                            plural(owner.path("kind").asText()) + "/finalizers", api.namespace(), owner.path("name").asText());
                    if (refused.isPresent()) {
                        return refused.get();
                    }
                }
            }
        }
        CustomResourceAdmission admission = admissions.get(api.group() + "/" + api.resource());
        if (admission == null || Boolean.parseBoolean(request.getHeader(SKIP_ADMISSION))) {
            return store.dispatch(copy(request, request.getMethod(), body));
        }
        return admit(request, api, body, object, admission);
    }

    /** Whether {@code group} is a custom resources' group (served only while their CRD is installed). */
    private static boolean custom(String group) {
        return group.contains(".") && !group.endsWith(".k8s.io");
    }

    /**
     * A custom resource is stored only as the API server would store it. A patch or a status update is applied to the
     * stored object here first, so the whole result is checked, and then stored with a PUT (retried if the object
     * changed in between, as the API server retries a patch internally).
     */
    private synchronized MockResponse admit(RecordedRequest request, ApiRequest api, String body, JsonNode object,
                                            CustomResourceAdmission admission) throws JsonProcessingException {
        for (int attempt = 0; ; attempt++) {
            JsonNode result = object;
            if ("patch".equals(api.verb()) || api.subresource() != null) {
                MockResponse current = store.handleGet(api.path().replaceAll("/status$", ""));
                if (current.code() != 200) {
                    return current;
                }
                JsonNode stored = JSON.readTree(current.getBody().readUtf8());
                result = "patch".equals(api.verb()) ? patched(stored, body, request.getHeader("Content-Type"))
                        : withStatus(stored, object);
            }
            CustomResourceAdmission.Result admitted = admission.admit(result, api.subresource() == null ? "" : api.subresource());
            if (!admitted.allowed()) {
                return status(422, "Invalid", result.path("kind").asText() + "." + api.group() + " \""
                        + result.path("metadata").path("name").asText() + "\" is invalid: "
                        + String.join("; ", admitted.violations()));
            }
            String method = "create".equals(api.verb()) ? "POST" : "PUT";
            MockResponse stored = store.dispatch(copy(request, method, JSON.writeValueAsString(admitted.admitted())));
            boolean raced = stored.code() == 409 && "patch".equals(api.verb());
            if (!raced || attempt == 5) {
                return stored;
            }
        }
    }

    /** A Secret's stringData goes into data, base64-encoded, as the API server stores it. */
    private static ObjectNode withStringDataEncoded(ObjectNode secret) {
        ObjectNode data = secret.has("data") ? (ObjectNode) secret.get("data") : secret.putObject("data");
        secret.remove("stringData").properties().forEach(entry -> data.put(entry.getKey(),
                java.util.Base64.getEncoder().encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        return secret;
    }

    private static JsonNode patched(JsonNode stored, String patch, String contentType) throws JsonProcessingException {
        JsonNode operations = JSON.readTree(patch);
        if (contentType != null && contentType.startsWith("application/json-patch+json")) {
            return JsonPatch.apply(operations, stored);
        }
        return mergePatch(stored.deepCopy(), operations);
    }

    /** RFC 7386 JSON merge patch. */
    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
        patch.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    private static JsonNode withStatus(JsonNode stored, JsonNode update) {
        ObjectNode result = stored.deepCopy();
        result.set("status", update.get("status"));
        ((ObjectNode) result.get("metadata")).set("resourceVersion", update.path("metadata").get("resourceVersion"));
        return result;
    }

    private Optional<MockResponse> authorize(String verb, String group, String resource, String namespace, String name) {
        Optional<Rbac.Grant> grant = rbac.authorize(verb, group, resource, namespace, name);
        if (grant.isPresent()) {
            RequestLog.granted(new RequestLog.Kind(verb, group, resource,
                    namespace != null ? "namespace" : name == null && !clusterScoped(resource) ? "all namespaces" : "cluster"),
                    grant.get());
            return Optional.empty();
        }
        String what = verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource
                + (namespace == null ? " (all namespaces or cluster)" : " in namespace " + namespace);
        denials.add(what);
        return Optional.of(status(403, "Forbidden", "serviceaccount " + Rbac.ACCOUNT_NAMESPACE + ":" + Rbac.ACCOUNT
                + " cannot " + what));
    }

    private static boolean clusterScoped(String resource) {
        return resource.startsWith("selfsubject") || resource.equals("namespaces")
                || resource.equals("customresourcedefinitions");
    }

    private MockResponse rulesReview(String body, boolean operator) {
        try {
            SelfSubjectRulesReview review = Manifests.SERIALIZATION.unmarshal(body, SelfSubjectRulesReview.class);
            String namespace = review.getSpec().getNamespace();
            review.setStatus(new io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder()
                    .withIncomplete(false)
                    .withResourceRules(operator ? rbac.rulesIn(namespace) : List.of())
                    .withNonResourceRules(new ArrayList<>())
                    .build());
            return new MockResponse().setResponseCode(201).setBody(Manifests.SERIALIZATION.asJson(review));
        } catch (RuntimeException e) {
            return status(400, "BadRequest", e.getMessage());
        }
    }

    private static String group(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /** The resource of a kind, by the Kubernetes convention (the kinds here all pluralise with an s). */
    private static String plural(String kind) {
        return kind.toLowerCase(java.util.Locale.ROOT) + "s";
    }

    private static RecordedRequest copy(RecordedRequest request, String method, String body) {
        Headers.Builder headers = new Headers.Builder();
        if (method.equals(request.getMethod())) {
            request.getHeaders().toMultimap().forEach((key, values) -> values.forEach(value -> headers.add(key, value)));
        } else {
            headers.add("Content-Type", "application/json");
        }
        return new RecordedRequest(request.getHttpVersion(), HttpMethod.valueOf(method), request.getPath(),
                headers.build(), new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setBody(Manifests.SERIALIZATION.asJson(new StatusBuilder()
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build()));
    }
}
