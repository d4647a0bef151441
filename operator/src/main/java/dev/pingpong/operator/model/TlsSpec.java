package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pingpong.app.GoDurations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.renewBefore) || duration(self.renewBefore) < duration(has(self.duration) ? self.duration : '"
        + EffectiveSpec.DEFAULT_TLS_DURATION + "')", message = "tls.renewBefore must be shorter than tls.duration")
@ValidationRule(value = "(has(self.issuer) && self.issuer == 'certManager') == has(self.issuerRef)",
        message = EffectiveSpec.ISSUER_REF_RULE)
@ValidationRule(value = "!has(self.issuer) || self.issuer != 'certManager' || duration(has(self.duration) ? self.duration : '"
        + EffectiveSpec.DEFAULT_TLS_DURATION + "') >= duration('" + EffectiveSpec.CERT_MANAGER_MINIMUM_DURATION + "')",
        message = EffectiveSpec.CERT_MANAGER_DURATION_RULE)
@ValidationRule(value = "!has(self.issuer) || self.issuer != 'certManager' || !has(self.renewBefore) "
        + "|| duration(self.renewBefore) >= duration('" + EffectiveSpec.CERT_MANAGER_MINIMUM_RENEW_BEFORE + "')",
        message = EffectiveSpec.CERT_MANAGER_RENEW_BEFORE_RULE)
public class TlsSpec {
    @JsonPropertyDescription("Lifetime of the server and client certificates, Go style; at least 60s")
    @Pattern(GoDurations.PATTERN)
    @Size(max = 32)
    @ValidationRule(value = "duration(self) >= duration('60s')", message = "tls.duration must be at least 60s")
    @Default("240h")
    private String duration;
    @JsonPropertyDescription("How long before expiry a certificate is renewed, at least 1s; default: one third of tls.duration")
    @Pattern(GoDurations.PATTERN)
    @Size(max = 32)
    @ValidationRule(value = "duration(self) >= duration('1s')", message = "tls.renewBefore must be at least 1s")
    private String renewBefore;
    @JsonPropertyDescription("Mutual TLS: the client presents a certificate from the pair's CA")
    @Default("true")
    private Boolean mutual;
    @JsonPropertyDescription("Who signs the certificates: self (the pair's own CA, made by the operator), secret (a CA "
            + "from a Secret of yours) or certManager (cert-manager, through tls.issuerRef)")
    @Default("self")
    private TlsIssuer issuer;
    @JsonPropertyDescription("The cert-manager Issuer or ClusterIssuer that signs; required when tls.issuer is certManager")
    private IssuerRef issuerRef;

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getRenewBefore() {
        return renewBefore;
    }

    public void setRenewBefore(String renewBefore) {
        this.renewBefore = renewBefore;
    }

    public Boolean getMutual() {
        return mutual;
    }

    public void setMutual(Boolean mutual) {
        this.mutual = mutual;
    }

    public TlsIssuer getIssuer() {
        return issuer;
    }

    public void setIssuer(TlsIssuer issuer) {
        this.issuer = issuer;
    }

    public IssuerRef getIssuerRef() {
        return issuerRef;
    }

    public void setIssuerRef(IssuerRef issuerRef) {
        this.issuerRef = issuerRef;
    }
}
