package dev.pingpong.certs.testing;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** The JDK's PKIX path validation, the judge of whether an issued certificate chains to its CA. */
public final class CertificatePaths {

    private CertificatePaths() {
    }

    /** Passes when {@code leaf} chains to {@code root} at {@code at}; CertPathValidatorException otherwise. */
    public static void validate(X509Certificate leaf, X509Certificate root, Instant at) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }
}
