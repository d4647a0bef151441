package dev.pingpong.client.discovery;

import java.util.Locale;

/** The value of {@code --discover}: {@code mdns} or {@code dns:NAME}. */
public sealed interface DiscoveryMethod {

    record Mdns() implements DiscoveryMethod {
        @Override
        public String toString() {
            return "mdns";
        }
    }

    /** @param name the DNS name under which {@code _webtransport._udp.NAME} is looked up, without a trailing dot */
    record Dns(String name) implements DiscoveryMethod {
        /** The SRV owner name to query. */
        public String srvName() {
            return "_webtransport._udp." + name + ".";
        }

        @Override
        public String toString() {
            return "dns:" + name;
        }
    }

    /**
     * Parses {@code mdns} or {@code dns:NAME}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static DiscoveryMethod parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("mdns")) {
            return new Mdns();
        }
        if (trimmed.regionMatches(true, 0, "dns:", 0, 4)) {
            String name = trimmed.substring(4);
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.matches("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*")) {
                throw new IllegalArgumentException("--discover dns:NAME needs a DNS name, got '" + text + "'");
            }
            return new Dns(name.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException("--discover must be 'mdns' or 'dns:NAME', got '" + text + "'");
    }
}
