package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * NAME-client-tls: the client certificate for mutual TLS; exists only while tls.mutual, and is written by the
 * operator only while it signs (see {@link OperatorIssuesClient}), by cert-manager otherwise.
 */
public class ClientTlsSecretDependent extends PairChild<Secret> {

    public static final String NAME = "client-tls-secret";

    public ClientTlsSecretDependent() {
        super(Secret.class);
    }

    @Override
    protected Secret desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        CertificateSet certificates = state.certificates();
        return SecretData.tls(state.children(), Side.CLIENT, certificates.client().orElseThrow(
                () -> new IllegalStateException("client certificate wanted without mutual TLS")), certificates.trustBundle());
    }

    /** Found by name, not through desired(): when mutual TLS is turned off, the Secret is found to be deleted. */
    @Override
    protected ResourceID targetSecondaryResourceID(PingPongPair pair, Context<PingPongPair> context) {
        return new ResourceID(Children.of(pair).tlsSecret(Side.CLIENT), pair.getMetadata().getNamespace());
    }

    /** Deleted only when mutual TLS is off: with mutual TLS under cert-manager, the Secret is cert-manager's to write. */
    @Override
    public void delete(PingPongPair pair, Context<PingPongPair> context) {
        if (!DesiredState.of(context).spec().mutualTls()) {
            super.delete(pair, context);
        }
    }
}
