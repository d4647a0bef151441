package dev.pingpong.certs;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;

/**
 * The kind and size of a certificate's key: ECDSA on a NIST curve (256 = P-256, 384 = P-384, 521 = P-521) or RSA
 * with a modulus of {@code size} bits. Which of them a caller allows is its own policy; browsers pin only P-256.
 */
public record KeyType(Algorithm algorithm, int size) {

    public enum Algorithm { EC, RSA }

    /** The default everywhere: the only key browsers accept for certificates pinned by hash. */
    public static final KeyType P256 = new KeyType(Algorithm.EC, 256);

    /** The smallest RSA modulus generated: anything shorter is no longer considered safe. */
    public static final int MIN_RSA_SIZE = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();

    public KeyType {
        if (algorithm == null) {
            throw new IllegalArgumentException("a key type needs an algorithm");
        }
    }

    /** The type of a public or private EC or RSA key; IllegalArgumentException for any other. */
    public static KeyType of(Key key) {
        if (key instanceof ECKey ec) {
            return new KeyType(Algorithm.EC, ec.getParams().getCurve().getField().getFieldSize());
        }
        if (key instanceof RSAKey rsa) {
            return new KeyType(Algorithm.RSA, rsa.getModulus().bitLength());
        }
        throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm() + " (use EC or RSA)");
    }

    /** A fresh key pair of this type; IllegalArgumentException for a curve or modulus this toolkit does not make. */
    public KeyPair generate() {
        try {
            if (algorithm == Algorithm.EC) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec(curve()), RANDOM);
                return generator.generateKeyPair();
            }
            if (size < MIN_RSA_SIZE) {
                throw new IllegalArgumentException("RSA keys need at least " + MIN_RSA_SIZE + " bits, not " + size);
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(size, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime makes " + this + " keys", e);
        }
    }

    /** How {@code signer} signs certificates: SHA-256 with RSA and P-256, the curve's matching hash above. */
    static String signatureAlgorithm(PrivateKey signer) {
        KeyType type = of(signer);
        if (type.algorithm == Algorithm.RSA) {
            return "SHA256withRSA";
        }
        return type.size <= 256 ? "SHA256withECDSA" : type.size <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
    }

    /** {@code ECDSA P-256}, {@code RSA 3072}: as logs and messages name it. */
    @Override
    public String toString() {
        return algorithm == Algorithm.EC ? "ECDSA P-" + size : "RSA " + size;
    }

    private String curve() {
        return switch (size) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> throw new IllegalArgumentException("no NIST curve of " + size + " bits (use 256, 384 or 521)");
        };
    }
}
