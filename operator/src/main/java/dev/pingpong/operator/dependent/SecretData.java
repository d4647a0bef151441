package dev.pingpong.operator.dependent;

import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The keys of the pair's Secrets and their base64 encoding, for writing desired Secrets and reading stored ones. */
public final class SecretData {

    public static final String CA_CRT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    /** NAME-ca only, during a CA rollover: the successor CA, published before it signs. */
    public static final String CA_NEXT_CRT = "ca-next.crt";
    public static final String CA_NEXT_KEY = "ca-next.key";
    /** NAME-ca only, after a CA rollover: the retired CA's certificate, trusted until it expires. */
    public static final String CA_PREVIOUS_CRT = "ca-previous.crt";
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String TLS_TYPE = "kubernetes.io/tls";

    private SecretData() {
    }

    /** An Opaque Secret with the signing CA's certificate and key, and the successor or retired CA while there is one. */
    public static Secret ca(Children children, CertificateSet certificates) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CRT, certificates.ca().certificatePem());
        data.put(CA_KEY, certificates.ca().privateKeyPem());
        certificates.nextCa().ifPresent(next -> {
            data.put(CA_NEXT_CRT, next.certificatePem());
            data.put(CA_NEXT_KEY, next.privateKeyPem());
        });
        certificates.previousCa().ifPresent(previous -> data.put(CA_PREVIOUS_CRT, previous.certificatePem()));
        return secret(children.caSecret(), "Opaque", data, children, Side.SERVER);
    }

    /** A kubernetes.io/tls Secret with a leaf, its key and the CA certificates its peer's leaf may chain to. */
    public static Secret tls(Children children, Side side, IssuedCertificate leaf, String trustBundle) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TLS_CRT, leaf.certificatePem());
        data.put(TLS_KEY, leaf.privateKeyPem());
        data.put(CA_CRT, trustBundle);
        return secret(children.tlsSecret(side), TLS_TYPE, data, children, side);
    }

    /** A stored value decoded, if present. */
    public static Optional<String> read(Secret secret, String key) {
        return Optional.ofNullable(secret.getData()).map(data -> data.get(key))
                .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
    }

    private static Secret secret(String name, String type, Map<String, String> plain, Children children,
                                 Side side) {
        Map<String, String> encoded = new LinkedHashMap<>();
        plain.forEach((key, value) -> encoded.put(key,
                Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withMetadata(children.metadata(name, side)).withType(type).withData(encoded).build();
    }
}
