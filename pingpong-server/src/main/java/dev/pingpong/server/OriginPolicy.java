package dev.pingpong.server;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which browser origins may open sessions. A request without an Origin header comes from a non-browser client
 * and is always allowed; a browser page only from a listed origin, or from anywhere with {@code *}.
 */
final class OriginPolicy {

    private final boolean any;
    private final Set<String> allowed;

    private OriginPolicy(boolean any, Set<String> allowed) {
        this.any = any;
        this.allowed = allowed;
    }

    /**
     * From the {@code --allowed-origins} value; null means the server's own demo page origins on
     * {@code healthPort} (none when the page is off).
     */
    static OriginPolicy parse(String allowedOrigins, int healthPort) {
        if (allowedOrigins == null) {
            List<String> own = healthPort == 0 ? List.of() : List.of("http://localhost:" + healthPort,
                    "http://127.0.0.1:" + healthPort, "http://[::1]:" + healthPort);
            return new OriginPolicy(false, normalize(own.stream()));
        }
        List<String> items = Stream.of(allowedOrigins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.contains("*")) {
            return new OriginPolicy(true, Set.of());
        }
        return new OriginPolicy(false, normalize(items.stream()));
    }

    boolean allows(Optional<String> origin) {
        return any || origin.isEmpty() || allowed.contains(normalize(origin.get()));
    }

    /** The {@code --allowed-origins} value that allows {@code origin} as well as everything allowed now. */
    String withAlso(String origin) {
        return allowed.isEmpty() ? origin : String.join(",", new TreeSet<>(allowed)) + "," + origin;
    }

    @Override
    public String toString() {
        return any ? "*" : String.join(",", allowed);
    }

    private static Set<String> normalize(Stream<String> origins) {
        return origins.map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** Origins compare case-insensitively (scheme and host are) and a trailing slash is no difference. */
    private static String normalize(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
