package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A side's cert-manager Certificate (see {@link CertManagerCertificates}). Each side has a dependent of its own,
 * with an informer of its own, because java-operator-sdk ties a dependent's informer, name and conditions together.
 */
abstract class LeafCertificateDependent extends PairChild<Certificate> {

    private final Side side;

    LeafCertificateDependent(Side side) {
        super(Certificate.class);
        this.side = side;
    }

    @Override
    protected Certificate desired(PingPongPair pair, Context<PingPongPair> context) {
        DesiredState state = DesiredState.of(context);
        return side == Side.SERVER ? CertManagerCertificates.server(state) : CertManagerCertificates.client(state);
    }

    /** Found by name, not through desired(): when tls.issuer or tls.mutual changes, it is found to be deleted. */
    @Override
    protected ResourceID targetSecondaryResourceID(PingPongPair pair, Context<PingPongPair> context) {
        return new ResourceID(Children.of(pair).certificate(side), pair.getMetadata().getNamespace());
    }
}
