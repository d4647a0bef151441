package dev.pingpong.webtransport;

/** A WebTransport failure that an application may want to tell apart from plain I/O errors. */
public class WebTransportException extends Exception {

    /** What went wrong, in words a user can act on. */
    public enum Kind {
        /** The server answered the CONNECT with a non-2xx status; see {@link #status()}. */
        SESSION_REFUSED,
        /** The peer's SETTINGS lack what WebTransport needs. */
        NOT_SUPPORTED,
        /** TLS failed: untrusted or mismatched certificate, or our client certificate was refused. */
        TLS,
        /** The QUIC handshake or the CONNECT answer did not arrive in time. */
        TIMEOUT,
        /** The connection closed before the session was established. */
        CONNECTION_CLOSED,
        /** The peer broke the protocol. */
        PROTOCOL
    }

    private final Kind kind;
    private final int status;

    public WebTransportException(Kind kind, String message) {
        this(kind, message, 0, null);
    }

    public WebTransportException(Kind kind, String message, int status, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#SESSION_REFUSED}, else 0. */
    public int status() {
        return status;
    }
}
