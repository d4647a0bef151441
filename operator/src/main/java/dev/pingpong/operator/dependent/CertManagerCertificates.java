package dev.pingpong.operator.dependent;

import dev.pingpong.certs.CommonNames;
import dev.pingpong.certs.KeyType;
import dev.pingpong.operator.model.EffectiveSpec;
import dev.pingpong.operator.model.Issuance;
import dev.pingpong.operator.model.IssuerReference;
import dev.pingpong.operator.model.KeyUsage;
import dev.pingpong.operator.model.RotationPolicy;
import dev.pingpong.operator.model.Side;
import io.fabric8.certmanager.api.model.v1.Certificate;
import io.fabric8.certmanager.api.model.v1.CertificateBuilder;
import io.fabric8.certmanager.api.model.v1.CertificateSpecBuilder;
import io.fabric8.kubernetes.api.model.Duration;
import java.util.List;

/**
 * The cert-manager Certificates of a pair, one per leaf, each writing the contract's TLS Secret of its side
 * ({@code tls.crt}, {@code tls.key}, and the issuing CA in {@code ca.crt}), with the same names, lifetimes and
 * usages, key and rotation policy the operator's own CA would give (tls.privateKey and tls.usages; ECDSA P-256 by
 * default, what browsers pin), the key in PKCS#8 as the server and client read it (cert-manager's default encoding
 * is PKCS#1/SEC1). The
 * Secrets get the pair's labels, so the operator's Secret informer sees cert-manager's writes.
 */
final class CertManagerCertificates {

    private static final String ENCODING = "PKCS8";

    private CertManagerCertificates() {
    }

    static Certificate server(DesiredState state) {
        List<String> names = state.serverDnsNames();
        return certificate(state, Side.SERVER, new CertificateSpecBuilder()
                .withCommonName(CommonNames.fit(names.get(0)))
                .withDnsNames(names)
                .withUsages(state.spec().issuance().spelledUsages(KeyUsage.SERVER_AUTH)));
    }

    static Certificate client(DesiredState state) {
        return certificate(state, Side.CLIENT, new CertificateSpecBuilder()
                .withCommonName(state.children().commonName("client"))
                .withUsages(state.spec().issuance().spelledUsages(KeyUsage.CLIENT_AUTH)));
    }

    /** cert-manager's name of the key algorithm: ECDSA or RSA. */
    private static String algorithm(KeyType key) {
        return key.algorithm() == KeyType.Algorithm.EC ? "ECDSA" : "RSA";
    }

    private static Certificate certificate(DesiredState state, Side side, CertificateSpecBuilder spec) {
        Children children = state.children();
        EffectiveSpec effective = state.spec();
        Issuance issuance = effective.issuance();
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
                        .withNewPrivateKey().withAlgorithm(algorithm(issuance.key())).withSize(issuance.key().size())
                        .withEncoding(ENCODING).withRotationPolicy(issuance.rotationPolicy() == RotationPolicy.NEVER
                                ? "Never" : "Always").endPrivateKey()
                        .build())
                .build();
    }
}
