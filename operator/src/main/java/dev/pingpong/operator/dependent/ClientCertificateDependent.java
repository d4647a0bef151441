package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.Side;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * NAME-client-tls (cert-manager.io/v1 Certificate): cert-manager issues the client certificate for mutual TLS into
 * NAME-client-tls; exists only while tls.mutual.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Children.MANAGED_SELECTOR + ","
        + Children.COMPONENT_LABEL + "=client"))
public class ClientCertificateDependent extends LeafCertificateDependent {

    public static final String NAME = "client-certificate";

    public ClientCertificateDependent() {
        super(Side.CLIENT);
    }
}
