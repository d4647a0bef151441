package dev.pingpong.operator.dependent;

import dev.pingpong.certs.CommonNames;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.IssuerReference;
import dev.pingpong.operator.model.Side;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.certmanager.api.model.v1.CertificateSpecBuilder;
import io.fabric8.kubernetes.api.model.Duration;
import java.util.List;

/**
 * The cert-manager Certificates of a pair, one per leaf, each writing the contract's TLS Secret of its side
 * ({@code tls.crt}, {@code tls.key}, and the issuing CA in {@code ca.crt}), with the same names, lifetimes and
 * usages the operator's own CA would give. The key is ECDSA P-256 (what browsers pin), renewed with every
 * certificate, in PKCS#8 as the server and client read it (cert-manager's default encoding is PKCS#1/SEC1). The
 * Secrets get the pair's labels, so the operator's Secret informer sees cert-manager's writes.
 */
final class CertManagerCertificates {

    private static final String ALGORITHM = "ECDSA";
    private static final int KEY_SIZE = 256;
    private static final String ENCODING = "PKCS8";
    private static final String ROTATION = "Always";
    private static final String DIGITAL_SIGNATURE = "digital signature";

    private CertManagerCertificates() {
    }

    static Certificate server(DesiredState state) {
        List<String> names = state.serverDnsNames();
        return certificate(state, Side.SERVER, new CertificateSpecBuilder()
                .withCommonName(CommonNames.fit(names.get(0)))
                .withDnsNames(names)
                .withUsages(DIGITAL_SIGNATURE, "server auth"));
    }

    static Certificate client(DesiredState state) {
        return certificate(state, Side.CLIENT, new CertificateSpecBuilder()
                .withCommonName(state.children().commonName("client"))
                .withUsages(DIGITAL_SIGNATURE, "client auth"));
    }

    private static Certificate certificate(DesiredState state, Side side, CertificateSpecBuilder spec) {
        Children children = state.children();
        EffectiveSpec effective = state.spec();
        IssuerReference issuer = effective.issuerRef().orElseThrow(
                () -> new IllegalStateException("a Certificate wanted without tls.issuerRef"));
        return new CertificateBuilder()
                .withMetadata(children.metadata(children.certificate(side), side))
                .withSpec(spec
                        .withSecretName(children.tlsSecret(side))
                        .withNewSecretTemplate().withLabels(children.labels(side)).endSecretTemplate()
                        .withNewIssuerRef().withName(issuer.name()).withKind(issuer.kind().name())
                        .withGroup(issuer.group()).endIssuerRef()
                        .withDuration(new Duration(effective.tlsDuration()))
                        .withRenewBefore(new Duration(effective.tlsRenewBefore()))
                        .withNewPrivateKey().withAlgorithm(ALGORITHM).withSize(KEY_SIZE).withEncoding(ENCODING)
                        .withRotationPolicy(ROTATION).endPrivateKey()
                        .build())
                .build();
    }
}
