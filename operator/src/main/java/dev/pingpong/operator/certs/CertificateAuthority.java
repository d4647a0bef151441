package dev.pingpong.operator.certs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
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
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A pair's own certificate authority: ECDSA P-256, basicConstraints CA:true, keyCertSign.
 * Leaves are ECDSA P-256 with a random positive serial, notBefore one minute in the past (clock skew between
 * nodes) and never outliving the CA: a leaf's notAfter is capped at the CA's.
 */
public final class CertificateAuthority {

    /** How far notBefore lies in the past, so a node whose clock is a little behind accepts a fresh certificate. */
    public static final Duration BACKDATE = Duration.ofMinutes(1);

    private static final SecureRandom SERIALS = new SecureRandom();

    private final IssuedCertificate certificate;
    private final X509Certificate x509;
    private final X500Name issuer;
    private final PrivateKey key;

    private CertificateAuthority(IssuedCertificate certificate) {
        this.certificate = certificate;
        this.x509 = certificate.x509Certificate();
        this.issuer = X500Name.getInstance(x509.getSubjectX500Principal().getEncoded());
        this.key = certificate.privateKey();
    }

    /** A new self-signed CA valid [now - 1min, now + validity]. */
    public static CertificateAuthority create(String commonName, Duration validity, Clock clock) {
        KeyPair keys = KeyPairs.p256();
        X500Name subject = subject(commonName);
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                notBefore(now), notAfter(now, validity), subject, keys.getPublic());
        JcaX509ExtensionUtils extensions = extensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (CertIOException e) {
            throw new IllegalStateException("encoding CA extensions", e);
        }
        return new CertificateAuthority(IssuedCertificate.of(sign(builder, keys.getPrivate()), keys.getPrivate()));
    }

    /** The CA stored in a pair's NAME-ca Secret; IllegalArgumentException if it is no CA. */
    public static CertificateAuthority load(IssuedCertificate ca) {
        CertificateAuthority authority = new CertificateAuthority(Objects.requireNonNull(ca, "ca"));
        requireCa(authority.x509);
        return authority;
    }

    /** IllegalArgumentException unless {@code certificate} may sign others (basicConstraints CA:true). */
    static void requireCa(X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal() + " is not a CA");
        }
    }

    public IssuedCertificate certificate() {
        return certificate;
    }

    /** True when {@code leaf} carries this CA's signature: a leaf of a replaced CA must be reissued. */
    public boolean signed(IssuedCertificate leaf) {
        try {
            leaf.x509Certificate().verify(x509.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Server leaf: ECDSA P-256, serverAuth, the given DNS SANs (the first is also the CN), valid [now-1min, now+validity]. */
    public IssuedCertificate issueServer(List<String> dnsNames, Duration validity, Clock clock) {
        if (dnsNames == null || dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name");
        }
        GeneralName[] names = dnsNames.stream().map(name -> new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new);
        return issueLeaf(dnsNames.get(0), KeyPurposeId.id_kp_serverAuth, new GeneralNames(names), validity, clock);
    }

    /** Client leaf: ECDSA P-256, clientAuth, CN=commonName. */
    public IssuedCertificate issueClient(String commonName, Duration validity, Clock clock) {
        return issueLeaf(commonName, KeyPurposeId.id_kp_clientAuth, null, validity, clock);
    }

    private IssuedCertificate issueLeaf(String commonName, KeyPurposeId purpose, GeneralNames sans,
                                        Duration validity, Clock clock) {
        KeyPair keys = KeyPairs.p256();
        Instant now = clock.instant();
        Date notAfter = notAfter(now, validity);
        if (notAfter.after(x509.getNotAfter())) {
            notAfter = x509.getNotAfter();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(),
                notBefore(now), notAfter, subject(commonName), keys.getPublic());
        JcaX509ExtensionUtils extensions = extensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(x509));
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("encoding leaf extensions", e);
        }
        return IssuedCertificate.of(sign(builder, key), keys.getPrivate());
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            return builder.build(new JcaContentSignerBuilder(KeyPairs.SIGNATURE_ALGORITHM).build(signer));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("signing with ECDSA P-256", e);
        }
    }

    private static X500Name subject(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a common name");
        }
        // Built attribute by attribute, not parsed from a string, so a name holding ',' or '=' stays one CN.
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, SERIALS).add(BigInteger.ONE);
    }

    private static Date notBefore(Instant now) {
        return Date.from(now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS));
    }

    private static Date notAfter(Instant now, Duration validity) {
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("certificate validity must be positive, got " + validity);
        }
        return Date.from(now.plus(validity).truncatedTo(ChronoUnit.SECONDS));
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1 for key identifiers", e);
        }
    }
}
