package dev.pingpong.webtransport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Options of one client CONNECT.
 *
 * @param origin       the {@code origin} header to send, or null for none (non-browser client)
 * @param protocols    subprotocols to offer in {@code wt-available-protocols}; empty for none
 * @param headers      extra request headers
 * @param timeout      time allowed for QUIC handshake plus CONNECT answer
 */
public record ConnectOptions(String origin, List<String> protocols, Map<String, String> headers, Duration timeout) {

    public static final ConnectOptions DEFAULT = new ConnectOptions(null, List.of(), Map.of(), Duration.ofSeconds(10));

    public ConnectOptions {
        protocols = List.copyOf(protocols);
        headers = Map.copyOf(headers);
    }

    public ConnectOptions withOrigin(String value) {
        return new ConnectOptions(value, protocols, headers, timeout);
    }

    public ConnectOptions withProtocols(List<String> value) {
        return new ConnectOptions(origin, value, headers, timeout);
    }

    public ConnectOptions withHeaders(Map<String, String> value) {
        return new ConnectOptions(origin, protocols, value, timeout);
    }

    public ConnectOptions withTimeout(Duration value) {
        return new ConnectOptions(origin, protocols, headers, value);
    }
}
