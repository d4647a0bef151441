package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/** NAME-server: pingpong-server with the server TLS Secret, verifying client certificates when tls.mutual. */
public class ServerDeploymentDependent extends SideDeployment {

    public static final String NAME = "server-deployment";

    @Override
    protected Deployment desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        int port = state.spec().serverPort();
        List<String> args = new ArrayList<>(List.of(
                "--port", Integer.toString(port),
                "--cert", Workloads.tlsFile(SecretData.TLS_CRT),
                "--key", Workloads.tlsFile(SecretData.TLS_KEY),
                "--health-port", Integer.toString(Workloads.HEALTH_PORT)));
        if (state.spec().mutualTls()) {
            args.addAll(List.of("--client-ca", Workloads.tlsFile(SecretData.CA_CRT), "--client-auth", "require"));
        }
        Container container = Workloads.container(state, Side.SERVER, state.spec().serverImage())
                .withArgs(args)
                .addNewPort().withName(Workloads.WEBTRANSPORT).withContainerPort(port).withProtocol("UDP").endPort()
                .build();
        return Workloads.deployment(state, Side.SERVER, container, Workloads.tlsVolume(new SecretVolumeSourceBuilder()
                .withSecretName(state.children().tlsSecret(Side.SERVER)).build()));
    }
}
