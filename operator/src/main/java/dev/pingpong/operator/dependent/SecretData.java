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
    public static final String TLS_CRT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String TLS_TYPE = "kubernetes.io/tls";

    private SecretData() {
    }

    /** An Opaque Secret with the CA certificate and key. */
    public static Secret ca(Children children, IssuedCertificate ca) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CRT, ca.certificatePem());
        data.put(CA_KEY, ca.privateKeyPem());
        return secret(children.caSecret(), "Opaque", data, children, Side.SERVER);
    }

    /** A kubernetes.io/tls Secret with a leaf, its key and the CA certificate that issued it. */
    public static Secret tls(Children children, Side side, IssuedCertificate leaf,
                             IssuedCertificate ca) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(TLS_CRT, leaf.certificatePem());
        data.put(TLS_KEY, leaf.privateKeyPem());
        data.put(CA_CRT, ca.certificatePem());
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
