package dev.pingpong.protocol;

/**
 * Every way a peer's input can break protocol v1. A bad stream is reset with {@link #applicationErrorCode()};
 * a bad datagram is dropped. Either way it is counted under {@link #label()}.
 */
public enum BadInput {
    /** The first byte of a frame is neither PING nor PONG. */
    UNKNOWN_TYPE(0x01, "unknown_type"),
    /** A known type sent in the wrong direction, e.g. a PONG to the server. */
    UNEXPECTED_TYPE(0x02, "unexpected_type"),
    /** The stream ended inside a frame. */
    TRUNCATED_FRAME(0x03, "truncated_frame"),
    /** Text mode: bytes that do not spell {@code ping}, or the stream ended inside a {@code ping}. */
    BAD_TEXT(0x04, "bad_text"),
    /** A stream kind the protocol does not use (the server takes bidirectional streams only). */
    UNSUPPORTED_STREAM(0x05, "unsupported_stream"),
    /** A datagram shorter than a frame header. */
    DATAGRAM_TOO_SHORT(0x06, "datagram_too_short"),
    /** A datagram shorter than the payload length its header declares. */
    DATAGRAM_LENGTH_MISMATCH(0x07, "datagram_length_mismatch"),
    /** A datagram with bytes after its one frame. */
    DATAGRAM_TRAILING_BYTES(0x08, "datagram_trailing_bytes");

    private final long applicationErrorCode;
    private final String label;

    BadInput(long applicationErrorCode, String label) {
        this.applicationErrorCode = applicationErrorCode;
        this.label = label;
    }

    /** The WebTransport application error code a stream carrying this input is reset with. */
    public long applicationErrorCode() {
        return applicationErrorCode;
    }

    /** The metric label value, snake_case. */
    public String label() {
        return label;
    }
}
