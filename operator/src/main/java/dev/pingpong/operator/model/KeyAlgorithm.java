package dev.pingpong.operator.model;

import dev.pingpong.certs.KeyType;
import java.util.List;

/** The leaves' key algorithm ({@code tls.privateKey.algorithm}), with the sizes it allows, the default first. */
public enum KeyAlgorithm {
    /** The default: browsers pin only ECDSA P-256 certificates (serverCertificateHashes). */
    ECDSA(KeyType.Algorithm.EC, List.of(256, 384)),
    RSA(KeyType.Algorithm.RSA, List.of(2048, 3072, 4096));

    private final KeyType.Algorithm algorithm;
    private final List<Integer> sizes;

    KeyAlgorithm(KeyType.Algorithm algorithm, List<Integer> sizes) {
        this.algorithm = algorithm;
        this.sizes = sizes;
    }

    public List<Integer> sizes() {
        return sizes;
    }

    public int defaultSize() {
        return sizes.get(0);
    }

    public KeyType keyType(int size) {
        return new KeyType(algorithm, size);
    }
}
