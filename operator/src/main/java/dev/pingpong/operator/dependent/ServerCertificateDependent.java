package dev.pingpong.operator.dependent;

import dev.pingpong.operator.model.Side;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** NAME-server-tls (cert-manager.io/v1 Certificate): cert-manager issues the server certificate into NAME-server-tls. */
@KubernetesDependent(informer = @Informer(labelSelector = Children.MANAGED_SELECTOR + ","
        + Children.COMPONENT_LABEL + "=server"))
public class ServerCertificateDependent extends LeafCertificateDependent {

    public static final String NAME = "server-certificate";

    public ServerCertificateDependent() {
        super(Side.SERVER);
    }
}
