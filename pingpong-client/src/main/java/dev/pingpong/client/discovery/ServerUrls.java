package dev.pingpong.client.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

/** Server URLs: parsing what users write, and building them from discovered addresses. */
public final class ServerUrls {

    public static final String DEFAULT_PATH = "/pingpong";
    public static final int DEFAULT_PORT = 4433;

    private ServerUrls() {
    }

    /**
     * Parses {@code https://host[:port][/path]}; the port defaults to 4433 and the path to {@code /pingpong}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid server URL '" + text + "': " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("server URL '" + text + "' must start with https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("server URL '" + text + "' has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("server URL '" + text + "' may carry only host, port and path");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? DEFAULT_PATH : uri.getRawPath();
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return URI.create("https://" + uri.getRawAuthority().replaceFirst(":\\d*$", "") + ":" + port + path);
    }

    /** {@code https://ADDRESS:port/path} with IPv6 addresses in brackets. */
    public static URI of(InetAddress address, int port, String path) {
        String host = io.netty.util.NetUtil.toAddressString(address);
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        String normalizedPath = path == null || path.isEmpty() ? DEFAULT_PATH : path.startsWith("/") ? path : "/" + path;
        return URI.create("https://" + host + ":" + port + normalizedPath);
    }
}
