package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a renewed leaf gets a new private key ({@code tls.privateKey.rotationPolicy}, cert-manager's spelling). */
public enum RotationPolicy {
    /** A fresh key at every renewal (the default). */
    @JsonProperty("Always") ALWAYS,
    /** The stored key is kept as long as it is of the asked algorithm and size. */
    @JsonProperty("Never") NEVER
}
