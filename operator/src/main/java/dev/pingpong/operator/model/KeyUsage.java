package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pingpong.certs.CertificateTemplate.KeyUse;
import dev.pingpong.certs.CertificateTemplate.Purpose;
import java.util.Optional;

/**
 * A usage {@code tls.usages} adds to both leaves, spelled as cert-manager spells it. Each is an extended key usage
 * (a {@link Purpose}), a key usage bit (a {@link KeyUse}), or digital signature, which every leaf has anyway.
 */
public enum KeyUsage {
    @JsonProperty("digital signature") DIGITAL_SIGNATURE("digital signature", null, null),
    @JsonProperty("key encipherment") KEY_ENCIPHERMENT("key encipherment", null, KeyUse.KEY_ENCIPHERMENT),
    @JsonProperty("key agreement") KEY_AGREEMENT("key agreement", null, KeyUse.KEY_AGREEMENT),
    @JsonProperty("server auth") SERVER_AUTH("server auth", Purpose.SERVER_AUTH, null),
    @JsonProperty("client auth") CLIENT_AUTH("client auth", Purpose.CLIENT_AUTH, null);

    private final String spelling;
    private final Purpose purpose;
    private final KeyUse keyUse;

    KeyUsage(String spelling, Purpose purpose, KeyUse keyUse) {
        this.spelling = spelling;
        this.purpose = purpose;
        this.keyUse = keyUse;
    }

    /** As the resource and a cert-manager Certificate spell it. */
    public String spelling() {
        return spelling;
    }

    public Optional<Purpose> purpose() {
        return Optional.ofNullable(purpose);
    }

    public Optional<KeyUse> keyUse() {
        return Optional.ofNullable(keyUse);
    }
}
