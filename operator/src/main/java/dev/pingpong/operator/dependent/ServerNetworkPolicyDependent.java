package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.ServerNetworkPolicy;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;

/**
 * NAME-server NetworkPolicy: the server pods admit only the pair's client pods and the pods of
 * server.networkPolicy.allowedNamespaces, and only to the UDP WebTransport port. Every other ingress to the server
 * pods is refused, the http port included; the kubelet's probes come from the node, which NetworkPolicy does not
 * govern. Exists only while server.networkPolicy.enabled (see {@link NetworkPolicyEnabled}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = Children.MANAGED_SELECTOR))
public class ServerNetworkPolicyDependent extends PairChild<NetworkPolicy> {

    public static final String NAME = "server-network-policy";
    /** Set by the API server on every Namespace (Kubernetes 1.22 and later): selects namespaces by name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    public ServerNetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        Children children = state.children();
        ServerNetworkPolicy policy = state.spec().serverNetworkPolicy();
        List<NetworkPolicyPeer> from = new ArrayList<>();
        from.add(new NetworkPolicyPeerBuilder()
                .withNewPodSelector().withMatchLabels(children.selector(Side.CLIENT)).endPodSelector().build());
        if (!policy.allowedNamespaces().isEmpty()) {
            from.add(new NetworkPolicyPeerBuilder().withNewNamespaceSelector().addNewMatchExpression()
                    .withKey(NAMESPACE_NAME_LABEL).withOperator("In").withValues(policy.allowedNamespaces())
                    .endMatchExpression().endNamespaceSelector().build());
        }
        return new NetworkPolicyBuilder()
                .withMetadata(children.metadata(children.networkPolicy(), Side.SERVER))
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(children.selector(Side.SERVER)).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(from)
                .addNewPort().withProtocol("UDP").withPort(new IntOrString(state.spec().serverPort())).endPort()
                .endIngress()
                .endSpec()
                .build();
    }

    /** Nothing in a NetworkPolicy's spec is defaulted by the API server once the operator has written it. */
    @Override
    protected boolean specIsAllOurs() {
        return true;
    }
}
