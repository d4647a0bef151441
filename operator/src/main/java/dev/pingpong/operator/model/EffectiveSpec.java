package dev.pingpong.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pingpong.app.GoDurations;
import dev.pingpong.certs.KeyType;
import dev.pingpong.operator.certs.RenewalSchedule;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Set;

/**
 * A pair's spec with every default applied and every rule checked: the only place that knows the defaults.
 * The API server validates the same rules through the CRD schema; they are checked again here because a
 * server without schema validation (or an older CRD) must still not get a broken Deployment.
 */
public record EffectiveSpec(String serverImage, int serverReplicas, int serverPort,
                            String clientImage, int clientReplicas, Duration clientInterval, ClientMode clientMode,
                            Duration tlsDuration, Duration tlsRenewBefore, boolean mutualTls,
                            TlsIssuer tlsIssuer, Optional<IssuerReference> issuerRef, Issuance issuance,
                            boolean recoveryEnabled, Duration unhealthyAfter, int maxRestartsPerHour,
                            PodSettings serverPod, PodSettings clientPod,
                            DisruptionBudget serverDisruptionBudget, ServerNetworkPolicy serverNetworkPolicy) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final int DEFAULT_REPLICAS = 1;
    /** Bounds the CRD states too (maximum), so anything the API server accepts fits an int here. */
    public static final int MAX_REPLICAS = 1000;
    public static final int DEFAULT_PORT = 4433;
    public static final String DEFAULT_INTERVAL = "1s";
    public static final String DEFAULT_TLS_DURATION = "240h";
    public static final Duration MINIMUM_TLS_DURATION = Duration.ofSeconds(60);
    public static final String DEFAULT_UNHEALTHY_AFTER = "60s";
    public static final int DEFAULT_MAX_RESTARTS_PER_HOUR = 6;
    /** One restart a second, the most unhealthyAfter's minimum allows. */
    public static final int MAX_RESTARTS_PER_HOUR = 3600;
    /** renewBefore and unhealthyAfter: the same minimum as the CRD's CEL rules. */
    public static final Duration MINIMUM_RENEW_BEFORE = Duration.ofSeconds(1);
    public static final Duration MINIMUM_UNHEALTHY_AFTER = Duration.ofSeconds(1);
    /** A side's container resources unless pod.resources replaces them. */
    public static final String DEFAULT_CPU_REQUEST = "100m";
    public static final String DEFAULT_MEMORY_REQUEST = "128Mi";
    public static final String DEFAULT_SERVER_MEMORY_LIMIT = "512Mi";
    public static final String DEFAULT_CLIENT_MEMORY_LIMIT = "256Mi";
    /** The message of the CRD's rule and of the operator's check alike. */
    public static final String ISSUER_REF_RULE = "tls.issuerRef must be set when tls.issuer is certManager, and only then";
    /** cert-manager's webhook refuses Certificates that live shorter or renew closer to expiry than these. */
    public static final String CERT_MANAGER_MINIMUM_DURATION = "1h";
    public static final String CERT_MANAGER_MINIMUM_RENEW_BEFORE = "5m";
    public static final String CERT_MANAGER_DURATION_RULE =
            "tls.duration must be at least " + CERT_MANAGER_MINIMUM_DURATION + " when cert-manager issues";
    public static final String CERT_MANAGER_RENEW_BEFORE_RULE =
            "tls.renewBefore must be at least " + CERT_MANAGER_MINIMUM_RENEW_BEFORE + " when cert-manager issues";
    private static final Pattern ISSUER_NAME = Pattern.compile(IssuerRef.NAME_PATTERN);
    /** The pair's own CA lives this many leaf lifetimes unless tls.caDuration says otherwise... */
    public static final int DEFAULT_CA_LIFETIMES = RenewalSchedule.CA_LIFETIMES;
    /** ...and at least this many: its successor is published 2 before it expires and signs 1 before (RenewalSchedule). */
    public static final int MIN_CA_LIFETIMES = 3;
    /** The most items tls.usages and tls.dnsNames hold. */
    public static final int MAX_LIST_ITEMS = 32;

    /**
     * Resolves {@code spec} (which may be null) with the operator's defaults (images, {@code --cluster-domain});
     * InvalidSpecException lists every problem at once.
     */
    public static EffectiveSpec resolve(PingPongPairSpec spec, Images images, String clusterDomain) {
        PingPongPairSpec given = spec == null ? new PingPongPairSpec() : spec;
        if (given.getUnreadable() != null) {
            throw new InvalidSpecException("the stored spec does not fit this operator's version of the CRD ("
                    + given.getUnreadable() + "); apply the CRD of this operator version, then correct the field");
        }
        ServerSpec server = Optional.ofNullable(given.getServer()).orElseGet(ServerSpec::new);
        ClientSpec client = Optional.ofNullable(given.getClient()).orElseGet(ClientSpec::new);
        TlsSpec tls = Optional.ofNullable(given.getTls()).orElseGet(TlsSpec::new);
        RecoverySpec recovery = Optional.ofNullable(given.getRecovery()).orElseGet(RecoverySpec::new);
        Problems problems = new Problems();

        int serverReplicas = problems.within("server.replicas", orDefault(server.getReplicas(), DEFAULT_REPLICAS),
                0, MAX_REPLICAS);
        int port = problems.within("server.port", orDefault(server.getPort(), DEFAULT_PORT), 1, 65535);
        int clientReplicas = problems.within("client.replicas", orDefault(client.getReplicas(), DEFAULT_REPLICAS),
                0, MAX_REPLICAS);
        Duration interval = problems.duration("client.interval", orDefault(client.getInterval(), DEFAULT_INTERVAL),
                Duration.ZERO);
        Duration tlsDuration = problems.duration("tls.duration", orDefault(tls.getDuration(), DEFAULT_TLS_DURATION),
                MINIMUM_TLS_DURATION);
        Duration renewBefore = tls.getRenewBefore() == null
                ? RenewalSchedule.defaultRenewBefore(tlsDuration)
                : problems.duration("tls.renewBefore", tls.getRenewBefore(), MINIMUM_RENEW_BEFORE);
        try {
            RenewalSchedule.validate(tlsDuration, renewBefore);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        TlsIssuer issuer = orDefault(tls.getIssuer(), TlsIssuer.SELF);
        Optional<IssuerReference> issuerRef = issuerRef(tls.getIssuerRef(), problems);
        if ((issuer == TlsIssuer.CERT_MANAGER) != (tls.getIssuerRef() != null)) {
            problems.add(ISSUER_REF_RULE);
        }
        if (issuer == TlsIssuer.CERT_MANAGER) {
            if (tlsDuration.compareTo(GoDurations.parse(CERT_MANAGER_MINIMUM_DURATION)) < 0) {
                problems.add(CERT_MANAGER_DURATION_RULE);
            }
            if (renewBefore.compareTo(GoDurations.parse(CERT_MANAGER_MINIMUM_RENEW_BEFORE)) < 0) {
                problems.add(CERT_MANAGER_RENEW_BEFORE_RULE);
            }
        }
        Issuance issuance = issuance(tls, issuer, tlsDuration, clusterDomain, problems);
        Duration unhealthyAfter = problems.duration("recovery.unhealthyAfter",
                orDefault(recovery.getUnhealthyAfter(), DEFAULT_UNHEALTHY_AFTER), MINIMUM_UNHEALTHY_AFTER);
        int maxRestarts = problems.within("recovery.maxRestartsPerHour",
                orDefault(recovery.getMaxRestartsPerHour(), DEFAULT_MAX_RESTARTS_PER_HOUR), 0, MAX_RESTARTS_PER_HOUR);
        PodRules.problems("server.pod", server.getPod()).forEach(problems::add);
        PodRules.problems("client.pod", client.getPod()).forEach(problems::add);
        DisruptionBudget disruptionBudget = DisruptionBudget.resolve(server.getPodDisruptionBudget(), problems.messages);
        ServerNetworkPolicy networkPolicy = ServerNetworkPolicy.resolve(server.getNetworkPolicy(), problems.messages);
        problems.throwIfAny();

        return new EffectiveSpec(
                orDefault(server.getImage(), images.server()), serverReplicas, port,
                orDefault(client.getImage(), images.client()), clientReplicas, interval,
                orDefault(client.getMode(), ClientMode.STREAM),
                tlsDuration, renewBefore, orDefault(tls.getMutual(), true), issuer, issuerRef, issuance,
                orDefault(recovery.getEnabled(), true), unhealthyAfter, maxRestarts,
                withDefaultResources(server.getPod(), DEFAULT_SERVER_MEMORY_LIMIT),
                withDefaultResources(client.getPod(), DEFAULT_CLIENT_MEMORY_LIMIT),
                disruptionBudget, networkPolicy);
    }

    /** The issuer reference with its defaults, its name and group checked as the CRD's schema checks them. */
    private static Optional<IssuerReference> issuerRef(IssuerRef given, Problems problems) {
        if (given == null) {
            return Optional.empty();
        }
        String name = given.getName() == null ? "" : given.getName();
        String group = orDefault(given.getGroup(), IssuerRef.DEFAULT_GROUP);
        problems.dnsSubdomain("tls.issuerRef.name", name);
        problems.dnsSubdomain("tls.issuerRef.group", group);
        return Optional.of(new IssuerReference(name, orDefault(given.getKind(), IssuerKind.Issuer), group));
    }

    /** Whether cert-manager issues the leaves (and the operator makes no CA). */
    public boolean certManager() {
        return tlsIssuer == TlsIssuer.CERT_MANAGER;
    }

    private static Issuance issuance(TlsSpec tls, TlsIssuer issuer, Duration tlsDuration, String clusterDomain,
                                     Problems problems) {
        if ((tls.getCaSecretName() != null) != (issuer == TlsIssuer.SECRET)) {
            problems.add(TlsSpec.CA_SECRET_NAME_MESSAGE);
        }
        if (tls.getCaSecretName() != null && !DnsNames.isSubdomain(tls.getCaSecretName())) {
            problems.add("tls.caSecretName: \"" + tls.getCaSecretName() + "\" is not a Secret name");
        }
        PrivateKeySpec privateKey = Optional.ofNullable(tls.getPrivateKey()).orElseGet(PrivateKeySpec::new);
        KeyAlgorithm algorithm = orDefault(privateKey.getAlgorithm(), KeyAlgorithm.ECDSA);
        int size = orDefault(privateKey.getSize(), algorithm.defaultSize());
        if (!algorithm.sizes().contains(size)) {
            problems.add(PrivateKeySpec.SIZE_MESSAGE + ", not " + size + " for " + algorithm);
            size = algorithm.defaultSize();
        }
        List<KeyUsage> usages = orDefault(tls.getUsages(), List.of());
        problems.atMost("tls.usages", usages.size(), MAX_LIST_ITEMS);
        List<String> dnsNames = orDefault(tls.getDnsNames(), List.of());
        problems.atMost("tls.dnsNames", dnsNames.size(), MAX_LIST_ITEMS);
        for (int i = 0; i < dnsNames.size(); i++) {
            if (!DnsNames.isCertificateName(dnsNames.get(i))) {
                problems.add("tls.dnsNames[" + i + "]: \"" + dnsNames.get(i) + "\" is not a DNS name");
            }
        }
        String domain = orDefault(tls.getClusterDomain(), clusterDomain);
        if (!DnsNames.isSubdomain(domain)) {
            problems.add("tls.clusterDomain: \"" + domain + "\" is not a DNS domain name");
        }
        Duration caDuration = RenewalSchedule.caValidity(tlsDuration);
        if (tls.getCaDuration() != null) {
            if (issuer != TlsIssuer.SELF) {
                problems.add(TlsSpec.CA_DURATION_ISSUER_MESSAGE);
            }
            int known = problems.count();
            caDuration = problems.duration("tls.caDuration", tls.getCaDuration(), Duration.ofSeconds(1));
            if (problems.count() == known && caDuration.getSeconds() < MIN_CA_LIFETIMES * tlsDuration.getSeconds()) {
                problems.add(TlsSpec.CA_DURATION_MESSAGE);
            }
        }
        return new Issuance(Optional.ofNullable(tls.getCaSecretName()), algorithm.keyType(size),
                orDefault(privateKey.getRotationPolicy(), RotationPolicy.ALWAYS), Set.copyOf(usages), dnsNames,
                domain, caDuration);
    }

    /**
     * What {@code status.effectiveSpec} shows: {@code given} (the spec this was resolved from, fields without a
     * default included) with every field that has one set to its value here.
     */
    public JsonNode describe(PingPongPairSpec given) {
        ObjectNode described = JSON.valueToTree(given == null ? new PingPongPairSpec() : given);
        overlay(described, JSON.valueToTree(asSpec()));
        return described;
    }

    private static void overlay(ObjectNode target, JsonNode values) {
        values.fields().forEachRemaining(field -> {
            if (target.get(field.getKey()) instanceof ObjectNode nested && field.getValue().isObject()) {
                overlay(nested, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }

    /** This spec in the resource's shape, every field with a default set. */
    private PingPongPairSpec asSpec() {
        PingPongPairSpec spec = new PingPongPairSpec();
        spec.setServer(new ServerSpec());
        spec.getServer().setImage(serverImage);
        spec.getServer().setReplicas(serverReplicas);
        spec.getServer().setPort(serverPort);
        spec.getServer().setPod(serverPod);
        spec.setClient(new ClientSpec());
        spec.getClient().setImage(clientImage);
        spec.getClient().setReplicas(clientReplicas);
        spec.getClient().setInterval(GoDurations.format(clientInterval));
        spec.getClient().setMode(clientMode);
        spec.getClient().setPod(clientPod);
        spec.setTls(new TlsSpec());
        spec.getTls().setDuration(GoDurations.format(tlsDuration));
        spec.getTls().setRenewBefore(GoDurations.format(tlsRenewBefore));
        spec.getTls().setMutual(mutualTls);
        spec.getTls().setIssuer(tlsIssuer);
        issuerRef.ifPresent(reference -> {
            spec.getTls().setIssuerRef(new IssuerRef());
            spec.getTls().getIssuerRef().setName(reference.name());
            spec.getTls().getIssuerRef().setKind(reference.kind());
            spec.getTls().getIssuerRef().setGroup(reference.group());
        });
        issuance.caSecretName().ifPresent(spec.getTls()::setCaSecretName);
        spec.getTls().setPrivateKey(new PrivateKeySpec());
        spec.getTls().getPrivateKey().setAlgorithm(
                issuance.key().algorithm() == KeyType.Algorithm.RSA ? KeyAlgorithm.RSA : KeyAlgorithm.ECDSA);
        spec.getTls().getPrivateKey().setSize(issuance.key().size());
        spec.getTls().getPrivateKey().setRotationPolicy(issuance.rotationPolicy());
        spec.getTls().setUsages(List.copyOf(issuance.usages()));
        spec.getTls().setDnsNames(issuance.dnsNames());
        spec.getTls().setClusterDomain(issuance.clusterDomain());
        if (tlsIssuer == TlsIssuer.SELF) {
            spec.getTls().setCaDuration(GoDurations.format(issuance.caDuration()));
        }
        spec.setRecovery(new RecoverySpec());
        spec.getRecovery().setEnabled(recoveryEnabled);
        spec.getRecovery().setUnhealthyAfter(GoDurations.format(unhealthyAfter));
        spec.getRecovery().setMaxRestartsPerHour(maxRestartsPerHour);
        return spec;
    }

    public int replicas(Side side) {
        return side == Side.SERVER ? serverReplicas : clientReplicas;
    }

    public PodSettings pod(Side side) {
        return side == Side.SERVER ? serverPod : clientPod;
    }

    /** A copy of {@code given} (never changed: it is the pair's) whose resources are the default unless set. */
    private static PodSettings withDefaultResources(PodSettings given, String memoryLimit) {
        PodSettings pod = new PodSettings();
        if (given != null) {
            pod.setResources(given.getResources());
            pod.setNodeSelector(given.getNodeSelector());
            pod.setTolerations(given.getTolerations());
            pod.setAffinity(given.getAffinity());
            pod.setTopologySpreadConstraints(given.getTopologySpreadConstraints());
            pod.setPriorityClassName(given.getPriorityClassName());
            pod.setImagePullSecrets(given.getImagePullSecrets());
            pod.setLabels(given.getLabels());
            pod.setAnnotations(given.getAnnotations());
        }
        if (pod.getResources() == null) {
            pod.setResources(new ResourceRequirementsBuilder()
                    .addToRequests("cpu", new Quantity(DEFAULT_CPU_REQUEST))
                    .addToRequests("memory", new Quantity(DEFAULT_MEMORY_REQUEST))
                    .addToLimits("memory", new Quantity(memoryLimit))
                    .build());
        }
        return pod;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** Collects every problem of a spec so the user fixes them in one edit. */
    private static final class Problems {
        private final List<String> messages = new ArrayList<>();

        void add(String message) {
            messages.add(message);
        }

        int count() {
            return messages.size();
        }

        void atMost(String field, int items, int maximum) {
            if (items > maximum) {
                add(field + ": " + items + " items, at most " + maximum + " allowed");
            }
        }

        int within(String field, int value, int minimum, int maximum) {
            if (value < minimum || value > maximum) {
                add(field + ": " + value + " is outside " + minimum + ".." + maximum);
            }
            return value;
        }

        void dnsSubdomain(String field, String value) {
            if (value.length() > IssuerRef.MAX_NAME || !ISSUER_NAME.matcher(value).matches()) {
                add(field + ": \"" + value + "\" is not a DNS subdomain (lower-case letters, digits, '-' and '.')");
            }
        }

        /** The parsed duration, or {@code minimum} (only to go on collecting problems) when it is invalid. */
        Duration duration(String field, String text, Duration minimum) {
            Duration value;
            try {
                value = GoDurations.parse(text);
            } catch (IllegalArgumentException e) {
                add(field + ": " + e.getMessage());
                return minimum;
            }
            if (value.compareTo(minimum) < 0) {
                add(field + ": \"" + text + "\" is shorter than the minimum " + GoDurations.format(minimum));
                return minimum;
            }
            return value;
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new InvalidSpecException(String.join("; ", messages));
            }
        }
    }
}
