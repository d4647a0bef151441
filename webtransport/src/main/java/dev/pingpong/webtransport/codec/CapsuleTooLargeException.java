package dev.pingpong.webtransport.codec;

/** A capsule announced a length above the configured bound; the session must be closed. */
public final class CapsuleTooLargeException extends Exception {

    private final long type;
    private final long length;

    public CapsuleTooLargeException(long type, long length, int limit) {
        super("capsule type 0x" + Long.toHexString(type) + " of " + length + " bytes exceeds the limit of "
                + limit + " bytes", null, false, false);
        this.type = type;
        this.length = length;
    }

    public long type() {
        return type;
    }

    public long length() {
        return length;
    }
}
