package dev.pingpong.webtransport.testing;

import dev.pingpong.webtransport.tls.Certificates;
import dev.pingpong.webtransport.tls.CertifiedKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Certificates for tests: a small PKI for mutual TLS, and the odd kinds {@link Certificates} does not make. */
public final class TestCertificates {

    /** A CA with a server leaf (localhost, 127.0.0.1, ::1) and a client leaf, all valid for a day. */
    public record Pki(CertifiedKey authority, CertifiedKey server, CertifiedKey client) {
    }

    private TestCertificates() {
    }

    public static Pki pki(String name) {
        CertifiedKey authority = Certificates.certificateAuthority(name + " CA", Duration.ofDays(1));
        return new Pki(authority,
                Certificates.issue(authority, Certificates.DEFAULT_NAMES, Duration.ofDays(1)),
                Certificates.issue(authority, List.of(name + "-client"), Duration.ofDays(1)));
    }

    /** A self-signed RSA 2048 certificate (keys from Secrets made by other tools are often RSA). */
    public static CertifiedKey rsaSelfSigned(String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        return selfSigned(keys, "SHA256withRSA", commonName, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(1)));
    }

    /** A self-signed P-256 certificate whose validity ended an hour ago. */
    public static CertifiedKey expired(String commonName) throws Exception {
        Instant now = Instant.now();
        return selfSigned(Certificates.newP256KeyPair(), "SHA256withECDSA", commonName,
                now.minus(Duration.ofDays(2)), now.minus(Duration.ofHours(1)));
    }

    private static CertifiedKey selfSigned(KeyPair keys, String signatureAlgorithm, String commonName,
                                           Instant notBefore, Instant notAfter) throws Exception {
        X500Name subject = new X500Name("CN=" + commonName);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(notBefore.toEpochMilli()),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
        return CertifiedKey.of(List.of(new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate())))),
                keys.getPrivate());
    }
}
