package dev.pingpong.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain (leaf first) with the private key of its leaf, checked to belong together. Immutable.
 */
public final class CertifiedKey {

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final String sha256Hex;

    private CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = chain;
        this.privateKey = privateKey;
        this.sha256Hex = CertificateHashes.sha256Hex(chain.get(0));
    }

    /** Pairs a chain with its leaf's key; fails when the chain is empty or the key does not match the leaf. */
    public static CertifiedKey of(List<X509Certificate> chain, PrivateKey privateKey) throws GeneralSecurityException {
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("empty certificate chain");
        }
        List<X509Certificate> copy = List.copyOf(chain);
        requireKeyMatchesLeaf(copy.get(0), privateKey);
        return new CertifiedKey(copy, privateKey);
    }

    /** Loads a PEM chain and PEM key, e.g. the {@code tls.crt} and {@code tls.key} of a Kubernetes TLS Secret. */
    public static CertifiedKey load(Path certificateChainPem, Path privateKeyPem) throws IOException, GeneralSecurityException {
        return of(Pem.readCertificates(certificateChainPem), Pem.readPrivateKey(privateKeyPem));
    }

    public static CertifiedKey parse(byte[] certificateChainPem, byte[] privateKeyPem) throws IOException, GeneralSecurityException {
        return of(Pem.readCertificates(certificateChainPem), Pem.readPrivateKey(privateKeyPem));
    }

    /** Leaf first, as presented in a TLS handshake. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Lower-case hex SHA-256 of the DER leaf: the value a browser passes in {@code serverCertificateHashes}. */
    public String sha256Hex() {
        return sha256Hex;
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** The leaf's public key algorithm as TLS key managers name it: {@code EC} or {@code RSA}. */
    public String keyType() {
        return leaf().getPublicKey().getAlgorithm();
    }

    public String certificatePem() {
        return Pem.encodeCertificates(chain);
    }

    public String privateKeyPem() {
        return Pem.encodePrivateKey(privateKey);
    }

    @Override
    public String toString() {
        return "CertifiedKey[subject=" + leaf().getSubjectX500Principal().getName() + ", sha256=" + sha256Hex
                + ", notAfter=" + notAfter() + "]";
    }

    /**
     * Proves possession: a signature made with the private key must verify with the leaf's public key. Unlike
     * comparing key encodings, this works the same for every key type and provider.
     */
    private static void requireKeyMatchesLeaf(X509Certificate leaf, PrivateKey key) throws GeneralSecurityException {
        String algorithm = switch (leaf.getPublicKey().getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new GeneralSecurityException("unsupported certificate key algorithm "
                    + leaf.getPublicKey().getAlgorithm() + " (use EC or RSA)");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            matches = false;
        }
        if (!matches) {
            throw new GeneralSecurityException("private key (" + key.getAlgorithm() + ") does not match the certificate "
                    + leaf.getSubjectX500Principal().getName());
        }
    }
}
