package dev.pingpong.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Seed compatibility mode: a bidirectional stream whose first byte is ASCII {@code p} carries text.
 * The text is a sequence of {@code ping} tokens with optional ASCII whitespace (space, tab, CR, LF) before,
 * between and after them ({@code "ping\nping\n"}, {@code "ping ping"} and {@code "pingping"} are all fine).
 * Each {@code ping} is answered with {@code pong} and every whitespace byte is echoed, so the answer has the
 * same layout as the question.
 *
 * <p>Because {@code pong} differs from {@code ping} in one byte, the answer is made by rewriting the received
 * bytes in place: the caller writes the very buffer back. One instance follows one stream; its whole state is
 * how far into a {@code ping} the last byte was, so a token split across reads costs nothing to buffer.
 */
public final class TextPings {

    /** A stream starting with this byte is in text mode (binary frames start with a type byte 0x01 or 0x02). */
    public static final byte FIRST_BYTE = 'p';

    private static final byte[] PING = {'p', 'i', 'n', 'g'};
    private static final int ANSWER_INDEX = 1;
    private static final byte ANSWER_BYTE = 'o';

    private int matched;

    /** True when a stream whose first byte is {@code firstByte} carries text. */
    public static boolean startsText(byte firstByte) {
        return firstByte == FIRST_BYTE;
    }

    /**
     * Rewrites the readable bytes of {@code text} in place, each {@code ping} becoming {@code pong}, in one pass.
     * Indices are not moved.
     *
     * @return how many {@code ping}s these bytes completed (one split across reads counts where its last byte is)
     * @throws ProtocolException {@link BadInput#BAD_TEXT} at the first byte that does not fit
     */
    public int turnPingsIntoPongs(ByteBuf text) {
        int completed = 0;
        int end = text.writerIndex();
        for (int i = text.readerIndex(); i < end; i++) {
            byte b = text.getByte(i);
            if (matched == 0 && isWhitespace(b)) {
                continue;
            }
            if (b != PING[matched]) {
                throw new ProtocolException(BadInput.BAD_TEXT,
                        "text is not 'ping': unexpected byte 0x" + Integer.toHexString(b & 0xFF));
            }
            if (matched == ANSWER_INDEX) {
                text.setByte(i, ANSWER_BYTE);
            }
            matched = (matched + 1) % PING.length;
            if (matched == 0) {
                completed++;
            }
        }
        return completed;
    }

    /**
     * Called when the stream ends.
     *
     * @throws ProtocolException {@link BadInput#BAD_TEXT} when it ended inside a {@code ping}
     */
    public void checkEnd() {
        if (matched != 0) {
            throw new ProtocolException(BadInput.BAD_TEXT, "text ended inside a 'ping'");
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
