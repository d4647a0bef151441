package dev.pingpong.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the client sends pings: the client's {@code --mode}. */
public enum ClientMode {
    @JsonProperty("stream") STREAM,
    @JsonProperty("datagram") DATAGRAM;

    /** The value the client's flag and the resource use. */
    public String flagValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
