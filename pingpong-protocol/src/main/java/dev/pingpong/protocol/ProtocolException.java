package dev.pingpong.protocol;

/**
 * Input that breaks protocol v1. It is an expected condition (a peer's mistake, not ours), so it carries
 * no stack trace: a flood of bad frames costs no more than the frames.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final BadInput kind;

    public ProtocolException(BadInput kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public BadInput kind() {
        return kind;
    }
}
