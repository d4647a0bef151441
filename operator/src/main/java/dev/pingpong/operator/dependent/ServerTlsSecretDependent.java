package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * NAME-server-tls: the server certificate for the Service's DNS names, its key and the CA; written while the
 * operator signs (see {@link OperatorIssues}), by cert-manager otherwise.
 */
public class ServerTlsSecretDependent extends PairChild<Secret> {

    public static final String NAME = "server-tls-secret";

    public ServerTlsSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        CertificateSet certificates = state.certificates();
        return SecretData.tls(state.children(), Side.SERVER, certificates.server(), certificates.trustBundle());
    }

    /**
     * Never deleted: when cert-manager takes over, it writes into this very Secret, and until it has, the pods go on
     * serving with the certificate in it.
     */
    @Override
    public void delete(PingPongPair pair, Context<PingPongPair> context) {
    }
}
