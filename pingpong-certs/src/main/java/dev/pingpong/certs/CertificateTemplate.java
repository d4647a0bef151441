package dev.pingpong.certs;

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
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a new certificate says: its kind (a CA that signs leaves only, or a leaf for given purposes), common name,
 * subject alternative names, validity and key. It is then signed by its own key or by a CA.
 *
 * <p>A CA carries basicConstraints CA:true with path length 0 and keyUsage keyCertSign and cRLSign; a leaf
 * carries CA:false, keyUsage digitalSignature (plus any {@link KeyUse} asked for) and its extended key usages.
 * Both carry a subject key identifier, and a CA-signed one the authority key identifier of its issuer. Every
 * certificate gets a fresh ECDSA P-256 key unless {@link #key} gives another, and a random positive 127-bit
 * serial. The signature algorithm follows the signer's key ({@link KeyType#signatureAlgorithm}).
 */
public final class CertificateTemplate {

    /** What a leaf may authenticate, as an extended key usage. */
    public enum Purpose {
        SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
        CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth);

        private final KeyPurposeId id;

        Purpose(KeyPurposeId id) {
            this.id = id;
        }

        /** The purposes among {@code certificate}'s extended key usages (others are left out). */
        public static Set<Purpose> of(X509Certificate certificate) {
            List<String> oids;
            try {
                oids = certificate.getExtendedKeyUsage();
            } catch (CertificateParsingException e) {
                return Set.of();
            }
            EnumSet<Purpose> purposes = EnumSet.noneOf(Purpose.class);
            for (Purpose purpose : values()) {
                if (oids != null && oids.contains(purpose.id.getId())) {
                    purposes.add(purpose);
                }
            }
            return purposes;
        }
    }

    /** Key usages a leaf may carry besides digitalSignature, which every leaf has (TLS signs with it). */
    public enum KeyUse {
        KEY_ENCIPHERMENT(KeyUsage.keyEncipherment, 2),
        KEY_AGREEMENT(KeyUsage.keyAgreement, 4);

        private final int bit;
        /** Its place in {@link X509Certificate#getKeyUsage()}. */
        private final int index;

        KeyUse(int bit, int index) {
            this.bit = bit;
            this.index = index;
        }

        /** The uses among {@code certificate}'s key usages (digitalSignature and CA bits are left out). */
        public static Set<KeyUse> of(X509Certificate certificate) {
            boolean[] usage = certificate.getKeyUsage();
            EnumSet<KeyUse> uses = EnumSet.noneOf(KeyUse.class);
            for (KeyUse use : values()) {
                if (usage != null && usage.length > use.index && usage[use.index]) {
                    uses.add(use);
                }
            }
            return uses;
        }
    }

    /** Back-dating that tolerates a little clock skew between peers; {@link #validFor} counts it inside. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final SecureRandom SERIALS = new SecureRandom();

    /** Empty for a CA. */
    private final Set<Purpose> purposes;
    private String commonName;
    private List<String> names = List.of();
    private Set<KeyUse> keyUses = Set.of();
    private KeyPair keys;
    private Instant notBefore;
    private Instant notAfter;

    private CertificateTemplate(Set<Purpose> purposes) {
        this.purposes = purposes;
    }

    /** A certificate authority that signs leaves only (path length 0). */
    public static CertificateTemplate authority() {
        return new CertificateTemplate(Set.of());
    }

    /** A leaf (no CA) for the given purposes. */
    public static CertificateTemplate leaf(Purpose purpose, Purpose... more) {
        List<Purpose> all = new ArrayList<>(List.of(more));
        all.add(0, Objects.requireNonNull(purpose, "purpose"));
        return new CertificateTemplate(Set.copyOf(all));
    }

    /**
     * The subject's CN, at most {@value CommonNames#MAX_LENGTH} characters (RFC 5280); a longer one is refused here
     * with IllegalArgumentException ({@link CommonNames#fit} shortens one deterministically). It is set as one
     * attribute, never parsed, so a name holding {@code ,} or {@code =} stays one CN.
     */
    public CertificateTemplate commonName(String commonName) {
        this.commonName = CommonNames.require(commonName);
        return this;
    }

    /** Subject alternative names: IP literals become iPAddress entries, everything else dNSName. */
    public CertificateTemplate names(List<String> names) {
        this.names = List.copyOf(names);
        return this;
    }

    /** Key usages besides digitalSignature; ignored for a CA. */
    public CertificateTemplate keyUses(Set<KeyUse> keyUses) {
        this.keyUses = Set.copyOf(keyUses);
        return this;
    }

    /** The subject's key pair, e.g. a kept one or one of another {@link KeyType}; a fresh P-256 pair if not given. */
    public CertificateTemplate key(KeyPair keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        return this;
    }

    /** Valid from {@code notBefore} to {@code notAfter}; second precision, as X.509 encodes them. */
    public CertificateTemplate validity(Instant notBefore, Instant notAfter) {
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("certificate validity must end after it starts: " + notBefore + " to " + notAfter);
        }
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        return this;
    }

    /** Valid {@code validity} in total, starting {@link #CLOCK_SKEW} ago. */
    public CertificateTemplate validFor(Duration validity) {
        Instant start = Instant.now().minus(CLOCK_SKEW);
        return validity(start, start.plus(validity));
    }

    /** Signed with its own key; the chain is the certificate alone. */
    public CertifiedKey selfSigned() {
        KeyPair subjectKeys = subjectKeys();
        return sign(subject(), subjectKeys, subjectKeys.getPrivate(), List.of(), null);
    }

    /**
     * Signed by {@code issuer}, which must be a CA; the chain is the new certificate followed by the issuer's.
     * The validity is taken as given: whether a certificate may outlive its issuer is the caller's policy.
     */
    public CertifiedKey signedBy(CertifiedKey issuer) {
        X509Certificate issuerCertificate = issuer.leaf();
        requireAuthority(issuerCertificate);
        X500Name issuerName = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
        return sign(issuerName, subjectKeys(), issuer.privateKey(), issuer.chain(), issuerCertificate);
    }

    /** IllegalArgumentException unless {@code certificate} may sign others (basicConstraints CA:true). */
    public static void requireAuthority(X509Certificate certificate) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal().getName() + " is not a CA");
        }
    }

    private CertifiedKey sign(X500Name issuerName, KeyPair subjectKeys, PrivateKey signer,
                              List<X509Certificate> issuerChain, X509Certificate issuerCertificate) {
        if (notBefore == null) {
            throw new IllegalStateException("a certificate needs a validity");
        }
        BigInteger serial = new BigInteger(127, SERIALS).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
                Date.from(notBefore), Date.from(notAfter), subject(), subjectKeys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            addUsages(builder);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuerCertificate));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(KeyType.signatureAlgorithm(signer)).build(signer)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuerChain);
            return CertifiedKey.of(chain, subjectKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("certificate generation failed: " + e.getMessage(), e);
        }
    }

    private void addUsages(X509v3CertificateBuilder builder) throws CertIOException {
        if (purposes.isEmpty()) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return;
        }
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        int usage = KeyUsage.digitalSignature;
        for (KeyUse use : keyUses) {
            usage |= use.bit;
        }
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        KeyPurposeId[] ids = purposes.stream().sorted().map(purpose -> purpose.id).toArray(KeyPurposeId[]::new);
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
    }

    private KeyPair subjectKeys() {
        return keys != null ? keys : KeyPairs.p256();
    }

    private X500Name subject() {
        if (commonName == null) {
            throw new IllegalStateException("a certificate needs a common name");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static GeneralNames subjectAlternativeNames(List<String> names) {
        return new GeneralNames(names.stream()
                .map(name -> new GeneralName(IPAddress.isValid(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }
}
