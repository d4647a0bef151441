package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The server certificate in use (RFC 3339 times), and the hash of the client certificate. */
// A field written by another operator version is dropped, never a reason to fail reading the pair.
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CertificateStatus {
    private String notAfter;
    private String renewAt;
    @JsonPropertyDescription("Lower-case hex SHA-256 of the DER server certificate (what browsers pin)")
    private String sha256;
    @JsonPropertyDescription("Lower-case hex SHA-256 of the DER client certificate (tls.mutual only)")
    private String clientSha256;
    @JsonPropertyDescription("The last value of the annotation pingpong.dev/renew-now that was handled: a value renews "
            + "the leaf certificates once, so set a new one (a timestamp) to renew again")
    private String renewNowHandled;

    public CertificateStatus() {
    }

    public CertificateStatus(String notAfter, String renewAt, String sha256) {
        this.notAfter = notAfter;
        this.renewAt = renewAt;
        this.sha256 = sha256;
    }

    public String getNotAfter() {
        return notAfter;
    }

    public void setNotAfter(String notAfter) {
        this.notAfter = notAfter;
    }

    public String getRenewAt() {
        return renewAt;
    }

    public void setRenewAt(String renewAt) {
        this.renewAt = renewAt;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public String getClientSha256() {
        return clientSha256;
    }

    public void setClientSha256(String clientSha256) {
        this.clientSha256 = clientSha256;
    }

    public String getRenewNowHandled() {
        return renewNowHandled;
    }

    public void setRenewNowHandled(String renewNowHandled) {
        this.renewNowHandled = renewNowHandled;
    }
}
