package dev.pingpong.operator.certs;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

/**
 * A PEM certificate with its PEM PKCS#8 key, and the facts the operator reads from the certificate.
 * {@code sha256Hex} is the lower-case hex SHA-256 of the DER certificate: what browsers pin.
 */
public record IssuedCertificate(String certificatePem, String privateKeyPem, BigInteger serial,
                                Instant notBefore, Instant notAfter, String sha256Hex) {

    /** Reads a certificate and its key (as stored in a Secret); IllegalArgumentException if either is bad or they do not match. */
    public static IssuedCertificate parse(String certificatePem, String privateKeyPem) {
        X509CertificateHolder holder = Pem.readCertificate(certificatePem);
        PrivateKey key = Pem.readPrivateKey(privateKeyPem);
        if (!KeyPairs.matches(key, x509(holder).getPublicKey())) {
            throw new IllegalArgumentException("private key does not belong to certificate " + holder.getSubject());
        }
        return new IssuedCertificate(certificatePem, privateKeyPem, holder.getSerialNumber(),
                holder.getNotBefore().toInstant(), holder.getNotAfter().toInstant(), sha256Hex(holder));
    }

    /** The certificate as a JCA object, e.g. to verify a chain. */
    public X509Certificate x509Certificate() {
        return x509(Pem.readCertificate(certificatePem));
    }

    /** The private key as a JCA object. */
    public PrivateKey privateKey() {
        return Pem.readPrivateKey(privateKeyPem);
    }

    static IssuedCertificate of(X509CertificateHolder holder, PrivateKey key) {
        return new IssuedCertificate(Pem.write(holder), Pem.write(key), holder.getSerialNumber(),
                holder.getNotBefore().toInstant(), holder.getNotAfter().toInstant(), sha256Hex(holder));
    }

    static X509Certificate x509(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("unreadable certificate " + holder.getSubject() + ": " + e.getMessage(), e);
        }
    }

    private static String sha256Hex(X509CertificateHolder holder) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(holder.getEncoded()));
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("SHA-256 of a certificate", e);
        }
    }
}
