package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** NAME-server: UDP {@code webtransport} on server.port and TCP {@code http} on the health port. */
@KubernetesDependent(informer = @Informer(labelSelector = Children.MANAGED_SELECTOR))
public class ServerServiceDependent extends PairChild<Service> {

    public static final String NAME = "server-service";

    public ServerServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        Children children = state.children();
        int port = state.spec().serverPort();
        return new ServiceBuilder()
                .withMetadata(children.metadata(children.service(), Side.SERVER))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(children.selector(Side.SERVER))
                .addNewPort().withName(Workloads.WEBTRANSPORT).withProtocol("UDP").withPort(port)
                .withTargetPort(new IntOrString(Workloads.WEBTRANSPORT)).endPort()
                .addNewPort().withName(Workloads.HTTP).withProtocol("TCP").withPort(Workloads.HEALTH_PORT)
                .withTargetPort(new IntOrString(Workloads.HTTP)).endPort()
                .endSpec()
                .build();
    }
}
