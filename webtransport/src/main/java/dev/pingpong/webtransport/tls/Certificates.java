package dev.pingpong.webtransport.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Generates ECDSA P-256 certificates: the self-signed certificate a server uses when given none, and a small
 * CA with the leaves it issues (for tests and for anyone who needs a private PKI).
 */
public final class Certificates {

    /** Names of a self-signed certificate when none are given. */
    public static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1", "::1");
    /** Validity of a self-signed certificate when none is given. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(10);
    /** Browsers accept a certificate pinned by {@code serverCertificateHashes} only when valid at most this long. */
    public static final Duration MAX_PINNABLE_VALIDITY = Duration.ofDays(14);

    /** Back-dating that tolerates a little clock skew between peers; counted inside the validity. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** A self-signed certificate for localhost, 127.0.0.1 and ::1, valid 10 days. */
    public static CertifiedKey selfSigned() {
        return selfSigned(DEFAULT_NAMES, DEFAULT_VALIDITY);
    }

    /**
     * A self-signed ECDSA P-256 leaf for the given DNS names and IP addresses, pinnable by browsers.
     *
     * @param validity total validity (from a minute ago), at most {@link #MAX_PINNABLE_VALIDITY}
     */
    public static CertifiedKey selfSigned(List<String> names, Duration validity) {
        if (validity.compareTo(MAX_PINNABLE_VALIDITY) > 0 || validity.compareTo(CLOCK_SKEW) <= 0) {
            throw new IllegalArgumentException("self-signed validity must be over " + CLOCK_SKEW.toSeconds()
                    + "s and at most 14 days (browsers pin no longer-lived certificate); got " + validity);
        }
        KeyPair keys = newP256KeyPair();
        X500Name subject = commonName(names.isEmpty() ? "localhost" : names.get(0));
        return sign(builder(subject, subject, keys.getPublic(), validity), leafExtensions(names),
                keys.getPrivate(), List.of(), keys.getPrivate());
    }

    /** A self-signed CA certificate (path length 0: it signs leaves only). */
    public static CertifiedKey certificateAuthority(String commonName, Duration validity) {
        KeyPair keys = newP256KeyPair();
        X500Name subject = commonName(commonName);
        X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic(), validity);
        Extensions extensions = b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        };
        return sign(builder, extensions, keys.getPrivate(), List.of(), keys.getPrivate());
    }

    /**
     * A leaf for the given names, signed by {@code issuer}, usable for both server and client authentication.
     * Its chain is the leaf followed by the issuer's chain.
     */
    public static CertifiedKey issue(CertifiedKey issuer, List<String> names, Duration validity) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an issued certificate needs at least one name");
        }
        KeyPair keys = newP256KeyPair();
        X500Name issuerName = X500Name.getInstance(issuer.leaf().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuerName, commonName(names.get(0)), keys.getPublic(), validity);
        Extensions extensions = b -> {
            leafExtensions(names).addTo(b);
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.leaf()));
        };
        return sign(builder, extensions, issuer.privateKey(), issuer.chain(), keys.getPrivate());
    }

    public static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has EC P-256", e);
        }
    }

    /** Subject alternative names: IP literals as iPAddress, everything else as dNSName. */
    static GeneralNames subjectAlternativeNames(List<String> names) {
        List<GeneralName> entries = new ArrayList<>();
        for (String name : names) {
            boolean ip = IPAddress.isValid(name);
            entries.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        return new GeneralNames(entries.toArray(GeneralName[]::new));
    }

    private static Extensions leafExtensions(List<String> names) {
        return b -> {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
            }
        };
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
        Instant notBefore = Instant.now().minus(CLOCK_SKEW);
        Instant notAfter = notBefore.plus(validity);
        BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, key);
    }

    /** Signs with the issuer's key; the result holds the subject's key and chains to the issuer's chain. */
    private static CertifiedKey sign(X509v3CertificateBuilder builder, Extensions extensions, PrivateKey issuerKey,
                                     List<X509Certificate> issuerChain, PrivateKey subjectKey) {
        try {
            extensions.addTo(builder);
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuerChain);
            return CertifiedKey.of(chain, subjectKey);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("certificate generation failed: " + e.getMessage(), e);
        }
    }

    private static X500Name commonName(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }

    /** Adds extensions to a certificate being built. */
    @FunctionalInterface
    private interface Extensions {
        void addTo(X509v3CertificateBuilder builder) throws CertIOException, GeneralSecurityException;
    }
}
