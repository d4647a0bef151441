package dev.pingpong.certs;

import java.security.KeyPair;

/** ECDSA P-256 keys: the only kind browsers accept for certificates pinned by hash. */
public final class KeyPairs {

    private KeyPairs() {
    }

    /** A fresh key pair on the NIST P-256 curve (secp256r1). */
    public static KeyPair p256() {
        return KeyType.P256.generate();
    }
}
