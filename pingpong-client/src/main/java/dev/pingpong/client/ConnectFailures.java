package dev.pingpong.client;

import dev.pingpong.webtransport.WebTransportException;

import java.net.URI;

/** Tells a connect failure worth retrying from one that retrying cannot fix, and says either in words. */
final class ConnectFailures {

    private ConnectFailures() {
    }

    /**
     * Permanent: TLS failures (untrusted or mismatched server certificate, our client certificate refused),
     * a server without WebTransport, and refusals other than "busy" (429, 503).
     */
    static boolean isPermanent(Throwable cause) {
        if (!(cause instanceof WebTransportException e)) {
            return false;
        }
        return switch (e.kind()) {
            case TLS, NOT_SUPPORTED -> true;
            case SESSION_REFUSED -> e.status() != 429 && e.status() != 503;
            default -> false;
        };
    }

    static String describe(Throwable cause, URI uri) {
        if (cause instanceof WebTransportException e) {
            return switch (e.kind()) {
                case SESSION_REFUSED -> "server at " + uri + " refused the session with HTTP status " + e.status()
                        + refusalHint(e.status()) + ": " + e.getMessage();
                case TLS -> "TLS with " + uri.getAuthority() + " failed: " + e.getMessage();
                case NOT_SUPPORTED -> "server at " + uri.getAuthority() + " does not support WebTransport: " + e.getMessage();
                case TIMEOUT -> "no answer from " + uri.getAuthority() + " in time: " + e.getMessage();
                case CONNECTION_CLOSED -> "connection to " + uri.getAuthority() + " closed before the session opened: "
                        + e.getMessage();
                case PROTOCOL -> "server at " + uri.getAuthority() + " broke the protocol: " + e.getMessage();
            };
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String refusalHint(int status) {
        return switch (status) {
            case 403 -> " (forbidden: origin or client identity not allowed)";
            case 404 -> " (no WebTransport endpoint at this path)";
            case 429 -> " (too many sessions)";
            case 503 -> " (server unavailable, e.g. shutting down)";
            default -> "";
        };
    }
}
