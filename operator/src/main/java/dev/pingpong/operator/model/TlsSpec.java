package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pingpong.app.GoDurations;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

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
@ValidationRule(value = "has(self.caSecretName) == (has(self.issuer) && self.issuer == 'secret')",
        message = TlsSpec.CA_SECRET_NAME_MESSAGE)
@ValidationRule(value = "!has(self.caDuration) || !has(self.issuer) || self.issuer == 'self'",
        message = TlsSpec.CA_DURATION_ISSUER_MESSAGE)
@ValidationRule(value = "!has(self.caDuration) || duration(self.caDuration).getSeconds() >= "
        + EffectiveSpec.MIN_CA_LIFETIMES + " * duration(has(self.duration) ? self.duration : '"
        + EffectiveSpec.DEFAULT_TLS_DURATION + "').getSeconds()", message = TlsSpec.CA_DURATION_MESSAGE)
public class TlsSpec {
    static final String CA_SECRET_NAME_MESSAGE = "tls.caSecretName is required with tls.issuer secret, and only then";
    static final String CA_DURATION_ISSUER_MESSAGE = "tls.caDuration applies to tls.issuer self only";
    static final String CA_DURATION_MESSAGE = "tls.caDuration must be at least " + EffectiveSpec.MIN_CA_LIFETIMES
            + " times tls.duration (compared in whole seconds)";

    @JsonPropertyDescription("With tls.issuer secret: the Secret in the pair's namespace that holds the CA (tls.crt and"
            + " tls.key, or ca.crt and ca.key), labelled pingpong.dev/ca=true; the operator only reads it")
    @Pattern(DnsNames.SUBDOMAIN)
    @Size(max = DnsNames.MAX_LENGTH)
    private String caSecretName;
    @JsonPropertyDescription("The leaves' private key: algorithm, size and whether a renewal keeps it")
    private PrivateKeySpec privateKey;
    @JsonPropertyDescription("Usages added to both certificates besides their own (server auth or client auth, and"
            + " digital signature), spelled as cert-manager spells them")
    @Size(max = EffectiveSpec.MAX_LIST_ITEMS)
    private List<KeyUsage> usages;
    @JsonPropertyDescription("DNS names the server certificate carries after the Service's four; a wildcard first"
            + " label is allowed")
    @Size(max = EffectiveSpec.MAX_LIST_ITEMS)
    private List<@Pattern(DnsNames.CERTIFICATE_NAME) @Size(max = DnsNames.MAX_LENGTH) String> dnsNames;
    @JsonPropertyDescription("DNS domain of the cluster, ending the server certificate's longest Service name;"
            + " default: the operator's --cluster-domain (cluster.local)")
    @Pattern(DnsNames.SUBDOMAIN)
    @Size(max = DnsNames.MAX_LENGTH)
    private String clusterDomain;
    @JsonPropertyDescription("Lifetime of the pair's own CA (tls.issuer self), Go style; at least "
            + EffectiveSpec.MIN_CA_LIFETIMES + " times tls.duration; default: " + EffectiveSpec.DEFAULT_CA_LIFETIMES
            + " times tls.duration")
    @Pattern(GoDurations.PATTERN)
    @Size(max = 32)
    @ValidationRule(value = "duration(self) > duration('0s')", message = "tls.caDuration must be a positive duration of at most 2562047h")
    private String caDuration;
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

    public String getCaSecretName() {
        return caSecretName;
    }

    public void setCaSecretName(String caSecretName) {
        this.caSecretName = caSecretName;
    }

    public PrivateKeySpec getPrivateKey() {
        return privateKey;
    }

    public void setPrivateKey(PrivateKeySpec privateKey) {
        this.privateKey = privateKey;
    }

    public List<KeyUsage> getUsages() {
        return usages;
    }

    public void setUsages(List<KeyUsage> usages) {
        this.usages = usages;
    }

    public List<String> getDnsNames() {
        return dnsNames;
    }

    public void setDnsNames(List<String> dnsNames) {
        this.dnsNames = dnsNames;
    }

    public String getClusterDomain() {
        return clusterDomain;
    }

    public void setClusterDomain(String clusterDomain) {
        this.clusterDomain = clusterDomain;
    }

    public String getCaDuration() {
        return caDuration;
    }

    public void setCaDuration(String caDuration) {
        this.caDuration = caDuration;
    }

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
