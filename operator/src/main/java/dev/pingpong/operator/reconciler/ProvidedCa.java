package dev.pingpong.operator.reconciler;

import dev.pingpong.operator.certs.CertificateAuthority;
import dev.pingpong.operator.certs.IssuedCertificate;
import dev.pingpong.operator.dependent.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.Optional;

/**
 * The CA of {@code tls.issuer: secret}: read, never written, from the user's Secret in the pair's namespace, which
 * must carry the label {@value #LABEL}{@code =true} (the operator watches only labelled Secrets, never every
 * Secret in the cluster). It holds {@code tls.crt} and {@code tls.key} (a kubernetes.io/tls Secret, as cert-manager's
 * CA issuer reads it) or, failing those, {@code ca.crt} and {@code ca.key} (the layout of a pair's own NAME-ca).
 * Anything that keeps it from signing is an {@link Unavailable} with a reason for {@code CertificateReady}.
 */
final class ProvidedCa {

    static final String LABEL = "pingpong.dev/ca";
    static final String SELECTOR = LABEL + "=true";

    static final String NOT_FOUND = "CaSecretNotFound";
    static final String NOT_LABELLED = "CaSecretNotLabelled";
    static final String INVALID = "CaSecretInvalid";
    static final String EXPIRED = "CaExpired";

    /** Why the CA Secret cannot sign now: {@code reason} for the conditions, {@code message} says what to do. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Unavailable(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private ProvidedCa() {
    }

    /**
     * The CA in {@code secret} (as the labelled-Secrets informer holds it), valid at {@code now}. {@code exists}
     * tells, when the informer has no such Secret, whether one without the label is there.
     */
    static CertificateAuthority load(String namespace, String name, Optional<Secret> secret, boolean exists,
                                     Instant now) throws Unavailable {
        String where = "Secret " + namespace + "/" + name;
        if (secret.isEmpty()) {
            throw exists
                    ? new Unavailable(NOT_LABELLED, where + " lacks the label " + SELECTOR
                            + "; label it so the operator reads it and sees its changes")
                    : new Unavailable(NOT_FOUND, where + " (tls.caSecretName) does not exist; create it with tls.crt"
                            + " and tls.key (or ca.crt and ca.key) of a CA and the label " + SELECTOR);
        }
        boolean tlsLayout = SecretData.read(secret.get(), SecretData.TLS_CRT).isPresent()
                && SecretData.read(secret.get(), SecretData.TLS_KEY).isPresent();
        String certificateKey = tlsLayout ? SecretData.TLS_CRT : SecretData.CA_CRT;
        String privateKeyKey = tlsLayout ? SecretData.TLS_KEY : SecretData.CA_KEY;
        Optional<String> certificate = SecretData.read(secret.get(), certificateKey);
        Optional<String> key = SecretData.read(secret.get(), privateKeyKey);
        if (certificate.isEmpty() || key.isEmpty()) {
            throw new Unavailable(INVALID, where + " holds neither tls.crt and tls.key nor ca.crt and ca.key");
        }
        CertificateAuthority ca;
        try {
            ca = CertificateAuthority.load(IssuedCertificate.parse(certificate.get(), key.get()));
        } catch (IllegalArgumentException e) {
            throw new Unavailable(INVALID, where + ": " + certificateKey + " and " + privateKeyKey
                    + " are no usable CA: " + e.getMessage());
        }
        IssuedCertificate stored = ca.certificate();
        if (!now.isBefore(stored.notAfter())) {
            throw new Unavailable(EXPIRED, "the CA in " + where + " expired at " + stored.notAfter()
                    + "; put a valid CA into the Secret");
        }
        if (now.isBefore(stored.notBefore())) {
            throw new Unavailable(INVALID, "the CA in " + where + " is not valid before " + stored.notBefore());
        }
        return ca;
    }
}
