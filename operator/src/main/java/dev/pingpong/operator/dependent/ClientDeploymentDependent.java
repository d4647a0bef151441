package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import dev.pingpong.app.GoDurations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * NAME-client: pingpong-client pinging the server through its Service. It trusts the pair's CA; with mutual TLS
 * it mounts its own certificate Secret, without it only ca.crt of the server's Secret (never the server's key).
 */
public class ClientDeploymentDependent extends SideDeployment {

    public static final String NAME = "client-deployment";

    @Override
    protected Deployment desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        boolean mutual = state.spec().mutualTls();
        List<String> args = new ArrayList<>(List.of(
                "--ca", Workloads.tlsFile(SecretData.CA_CRT),
                "--health-port", Integer.toString(Workloads.HEALTH_PORT)));
        if (mutual) {
            args.addAll(List.of("--cert", Workloads.tlsFile(SecretData.TLS_CRT),
                    "--key", Workloads.tlsFile(SecretData.TLS_KEY)));
        }
        Container container = Workloads.container(state, Side.CLIENT, state.spec().clientImage())
                .withArgs(args)
                .addNewEnv().withName("PINGPONG_SERVER_URL")
                .withValue(state.children().serverEndpoint(state.spec().serverPort())).endEnv()
                .addNewEnv().withName("PINGPONG_INTERVAL").withValue(GoDurations.format(state.spec().clientInterval())).endEnv()
                .addNewEnv().withName("PINGPONG_MODE").withValue(state.spec().clientMode().flagValue()).endEnv()
                .build();
        return Workloads.deployment(state, Side.CLIENT, container, Workloads.tlsVolume(trust(state.children(), mutual)));
    }

    private static SecretVolumeSource trust(Children children, boolean mutual) {
        if (mutual) {
            return new SecretVolumeSourceBuilder().withSecretName(children.tlsSecret(Side.CLIENT)).build();
        }
        return new SecretVolumeSourceBuilder().withSecretName(children.tlsSecret(Side.SERVER))
                .addNewItem().withKey(SecretData.CA_CRT).withPath(SecretData.CA_CRT).endItem().build();
    }
}
