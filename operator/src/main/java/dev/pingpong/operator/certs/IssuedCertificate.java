package dev.pingpong.operator.certs;

import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.certs.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A PEM certificate with its PEM PKCS#8 key, as a Secret stores them, and the facts the operator reads from the
 * certificate. The PEM text is kept as stored, so a desired Secret stays identical from one reconcile to the next.
 * {@code sha256Hex} is {@link CertifiedKey#sha256Hex()}: the hash clients and browsers pin.
 */
public record IssuedCertificate(String certificatePem, String privateKeyPem, BigInteger serial,
                                Instant notBefore, Instant notAfter, String sha256Hex) {

    /** Reads a certificate and its key (as stored in a Secret); IllegalArgumentException if either is bad or they do not match. */
    public static IssuedCertificate parse(String certificatePem, String privateKeyPem) {
        if (certificatePem == null || privateKeyPem == null) {
            throw new IllegalArgumentException("a stored certificate needs both its PEM certificate and its PEM key");
        }
        try {
            return of(certificatePem, privateKeyPem, CertifiedKey.parse(ascii(certificatePem), ascii(privateKeyPem)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The certificate as a JCA object, e.g. to verify a chain. */
    public X509Certificate x509Certificate() {
        return readCertificate(certificatePem);
    }

    /** The private key as a JCA object. */
    public PrivateKey privateKey() {
        try {
            return Pem.readPrivateKey(ascii(privateKeyPem));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("a parsed key no longer reads: " + e.getMessage(), e);
        }
    }

    /** The certificate's key pair, to certify the same key again (rotationPolicy Never). */
    public KeyPair keyPair() {
        return new KeyPair(x509Certificate().getPublicKey(), privateKey());
    }

    /** The stored form of a freshly issued certificate: the certificate alone (the chain lives in {@code ca.crt}). */
    static IssuedCertificate of(CertifiedKey issued) {
        return of(Pem.encodeCertificates(List.of(issued.leaf())), Pem.encodePrivateKey(issued.privateKey()), issued);
    }

    /** The first certificate in {@code pem}; IllegalArgumentException if there is none or it does not parse. */
    static X509Certificate readCertificate(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no PEM certificate given");
        }
        try {
            return Pem.readCertificates(ascii(pem)).get(0);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static IssuedCertificate of(String certificatePem, String privateKeyPem, CertifiedKey parsed) {
        X509Certificate leaf = parsed.leaf();
        return new IssuedCertificate(certificatePem, privateKeyPem, leaf.getSerialNumber(),
                leaf.getNotBefore().toInstant(), parsed.notAfter(), parsed.sha256Hex());
    }

    private static byte[] ascii(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
