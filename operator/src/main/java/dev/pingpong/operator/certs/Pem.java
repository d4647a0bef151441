package dev.pingpong.operator.certs;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;

/** PEM in and out: certificates and PKCS#8 ("PRIVATE KEY") keys, the forms a Kubernetes TLS Secret holds. */
final class Pem {

    private Pem() {
    }

    static X509CertificateHolder readCertificate(String pem) {
        Object object = readFirst(pem, "certificate");
        if (object instanceof X509CertificateHolder certificate) {
            return certificate;
        }
        throw new IllegalArgumentException("expected a PEM CERTIFICATE, found " + object.getClass().getSimpleName());
    }

    static PrivateKey readPrivateKey(String pem) {
        Object object = readFirst(pem, "private key");
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new IllegalArgumentException("expected a PEM PKCS#8 PRIVATE KEY, found " + object.getClass().getSimpleName());
        }
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException e) {
            throw new IllegalArgumentException("unreadable private key: " + e.getMessage(), e);
        }
    }

    static String write(X509CertificateHolder certificate) {
        return write((Object) certificate);
    }

    static String write(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (PemGenerationException e) {
            throw new IllegalStateException("PKCS#8 encoding of a fresh key", e);
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object readFirst(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no PEM " + what + " given");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new IllegalArgumentException("no PEM " + what + " found");
            }
            return object;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed PEM " + what + ": " + e.getMessage(), e);
        }
    }
}
