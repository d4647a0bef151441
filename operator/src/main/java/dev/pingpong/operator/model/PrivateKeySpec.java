package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The leaves' private key; cert-manager's field names and values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = PrivateKeySpec.SIZE_RULE, message = PrivateKeySpec.SIZE_MESSAGE)
public class PrivateKeySpec {
    static final String SIZE_RULE = "!has(self.size) || ((has(self.algorithm) && self.algorithm == 'RSA')"
            + " ? self.size in [2048, 3072, 4096] : self.size in [256, 384])";
    static final String SIZE_MESSAGE = "tls.privateKey.size must be 256 or 384 for ECDSA, 2048, 3072 or 4096 for RSA";

    @JsonPropertyDescription("ECDSA (default; browsers pin only ECDSA P-256 certificates) or RSA")
    @Default("ECDSA")
    private KeyAlgorithm algorithm;
    @JsonPropertyDescription("Key size in bits: ECDSA 256 (default) or 384; RSA 2048 (default), 3072 or 4096")
    @Min(256)
    @Max(4096)
    private Integer size;
    @JsonPropertyDescription("Always (default): a new key at every renewal; Never: a renewed certificate keeps the key")
    @Default("Always")
    private RotationPolicy rotationPolicy;

    public KeyAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(KeyAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public Integer getSize() {
        return size;
    }

    public void setSize(Integer size) {
        this.size = size;
    }

    public RotationPolicy getRotationPolicy() {
        return rotationPolicy;
    }

    public void setRotationPolicy(RotationPolicy rotationPolicy) {
        this.rotationPolicy = rotationPolicy;
    }
}
