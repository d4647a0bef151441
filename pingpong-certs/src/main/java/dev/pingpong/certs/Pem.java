package dev.pingpong.certs;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM reading and writing: certificate chains ({@code CERTIFICATE} blocks) and private keys (PKCS#8
 * {@code PRIVATE KEY}, and the traditional {@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY} that some
 * tools still write). Encrypted keys are refused: a mounted Secret carries no password.
 */
public final class Pem {

    private Pem() {
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException, GeneralSecurityException {
        return readCertificates(Files.readAllBytes(file));
    }

    /** Every certificate in the PEM text, in order; fails when there is none or a block does not parse. */
    public static List<X509Certificate> readCertificates(byte[] pem) throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = parser(pem)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CertificateException("malformed PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no PEM CERTIFICATE block found");
        }
        return List.copyOf(certificates);
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        return readPrivateKey(Files.readAllBytes(file));
    }

    /** The first private key in the PEM text. */
    public static PrivateKey readPrivateKey(byte[] pem) throws IOException, GeneralSecurityException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = parser(pem)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (!(object instanceof X509CertificateHolder)) {
                    throw new GeneralSecurityException("unsupported PEM object " + object.getClass().getSimpleName()
                            + " (encrypted keys are not supported; use an unencrypted PKCS#8 key)");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new GeneralSecurityException("malformed PEM private key: " + e.getMessage(), e);
        }
        throw new GeneralSecurityException("no PEM PRIVATE KEY block found");
    }

    /** PEM text of the certificates, one CERTIFICATE block each, in order. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        return encode(certificates.toArray());
    }

    /** PEM text of the key as PKCS#8 ({@code PRIVATE KEY}). */
    public static String encodePrivateKey(PrivateKey key) {
        try {
            return encode(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new IllegalArgumentException("cannot encode " + key.getAlgorithm() + " key as PKCS#8", e);
        }
    }

    private static String encode(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding to a string failed", e);
        }
        return text.toString();
    }

    private static PEMParser parser(byte[] pem) {
        return new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII));
    }
}
