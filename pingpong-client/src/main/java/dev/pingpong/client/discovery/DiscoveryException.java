package dev.pingpong.client.discovery;

/** No server could be found; the message says what was tried, in one line. */
public final class DiscoveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message, null, false, false);
    }
}
