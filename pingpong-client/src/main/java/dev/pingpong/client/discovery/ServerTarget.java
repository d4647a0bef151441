package dev.pingpong.client.discovery;

import java.net.URI;
import java.util.Optional;

/**
 * Where the server is, and how it was found.
 *
 * @param uri            {@code https://host:port/path}
 * @param advertisedHash the SHA-256 certificate hash the server advertised (mDNS TXT {@code sha256}), if any
 * @param source         how it was found, for the log: {@code argument}, {@code PINGPONG_SERVER_URL}, {@code dns:NAME}, {@code mdns}
 */
public record ServerTarget(URI uri, Optional<String> advertisedHash, String source) {
}
