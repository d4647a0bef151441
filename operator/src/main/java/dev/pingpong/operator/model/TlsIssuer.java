package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who signs a pair's server and client certificates: {@code spec.tls.issuer}. */
public enum TlsIssuer {
    /** The operator, with a CA of the pair's own that it creates and rolls over (NAME-ca). */
    @JsonProperty("self") SELF,
    /** The operator, with a CA the user keeps in a Secret of their own. */
    @JsonProperty("secret") SECRET,
    /** cert-manager, through a Certificate per leaf that names {@code spec.tls.issuerRef}. */
    @JsonProperty("certManager") CERT_MANAGER;

    /** The value as the resource spells it. */
    public String specValue() {
        return switch (this) {
            case SELF -> "self";
            case SECRET -> "secret";
            case CERT_MANAGER -> "certManager";
        };
    }
}
