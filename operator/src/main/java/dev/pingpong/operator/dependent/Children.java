package dev.pingpong.operator.dependent;

import dev.pingpong.certs.CommonNames;
import dev.pingpong.operator.model.PairName;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PodRules;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names, labels and addresses of a pair's children: the one place that spells them. */
public record Children(String pair, String namespace) {

    public static final String NAME_LABEL = PodRules.NAME_LABEL;
    public static final String INSTANCE_LABEL = PodRules.INSTANCE_LABEL;
    public static final String COMPONENT_LABEL = PodRules.COMPONENT_LABEL;
    public static final String MANAGED_BY_LABEL = PodRules.MANAGED_BY_LABEL;
    public static final String APP = "pingpong";
    public static final String MANAGER = "pingpong-operator";
    /** Informers cache only what this operator made (and the pods of its Deployments), never every Secret. */
    public static final String MANAGED_SELECTOR = MANAGED_BY_LABEL + "=" + MANAGER;
    public static final String PATH = "/pingpong";

    public static Children of(PingPongPair pair) {
        return new Children(pair.getMetadata().getName(), pair.getMetadata().getNamespace());
    }

    /** The children of a pair whose name fits them; InvalidSpecException otherwise. */
    public static Children checked(PingPongPair pair) {
        PairName.check(pair.getMetadata().getName());
        return of(pair);
    }

    public String caSecret() {
        return pair + "-ca";
    }

    public String tlsSecret(Side side) {
        return pair + "-" + side.component() + "-tls";
    }

    /** A side's cert-manager Certificate: named as the Secret it writes. */
    public String certificate(Side side) {
        return tlsSecret(side);
    }

    public String service() {
        return pair + "-server";
    }

    public String disruptionBudget() {
        return pair + "-server";
    }

    public String networkPolicy() {
        return pair + "-server";
    }

    public String deployment(Side side) {
        return pair + "-" + side.component();
    }

    /**
     * The names the server certificate is valid for: every way a pod in the cluster may spell the Service, the
     * last one in the cluster's DNS domain ({@code cluster.local} unless the cluster was set up otherwise).
     */
    public List<String> serverDnsNames(String clusterDomain) {
        String service = service();
        return List.of(service, service + "." + namespace, service + "." + namespace + ".svc",
                service + "." + namespace + ".svc." + clusterDomain);
    }

    public String serverEndpoint(int port) {
        return "https://" + service() + "." + namespace + ".svc:" + port + PATH;
    }

    /**
     * The CN of the pair's CA and of its client certificate: {@code pingpong ROLE NS/NAME}, shortened to RFC 5280's
     * 64 characters when the namespace and name are long (see {@link CommonNames#fit}). It only labels the
     * certificate for people; what a peer checks is the CA's signature and the server's SANs.
     */
    public String commonName(String role) {
        return CommonNames.fit("pingpong " + role + " " + namespace + "/" + pair);
    }

    /**
     * The labels of every child of {@code side}. The CA Secret counts as the server's: it is the trust anchor the
     * server verifies clients with, and the issuer of the server certificate.
     */
    public Map<String, String> labels(Side side) {
        Map<String, String> labels = new LinkedHashMap<>(selector(side));
        labels.put(MANAGED_BY_LABEL, MANAGER);
        return labels;
    }

    /** What a side's Deployment and Service select pods by: never changes for a pair (selectors are immutable). */
    public Map<String, String> selector(Side side) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME_LABEL, APP);
        labels.put(INSTANCE_LABEL, pair);
        labels.put(COMPONENT_LABEL, side.component());
        return labels;
    }

    public ObjectMeta metadata(String name, Side side) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels(side)).build();
    }
}
