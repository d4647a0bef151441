package dev.pingpong.webtransport;

import io.netty.handler.codec.quic.QuicStreamResetException;

import java.util.OptionalLong;

/**
 * WebTransport application error codes (0 .. 2^32-1) travel in RESET_STREAM and STOP_SENDING as HTTP/3 error
 * codes: {@code 0x52e4a40fa8db + code + floor(code / 0x1e)}, which skips the reserved GREASE codepoints.
 */
public final class WebTransportErrorCodes {

    public static final long FIRST = 0x52e4a40fa8dbL;
    public static final long LAST = 0x52e5ac983162L;
    public static final long MAX_APPLICATION_CODE = 0xFFFF_FFFFL;

    /** A stream whose session is unknown or over a limit was refused (reset with this HTTP/3 code). */
    public static final long WT_BUFFERED_STREAM_REJECTED = 0x3994bd84L;
    /** The stream's session has ended. */
    public static final long WT_SESSION_GONE = 0x170d7b68L;
    /** The peer exceeded a WebTransport flow-control or capsule bound. */
    public static final long WT_FLOW_CONTROL_ERROR = 0x045d4487L;
    /** Subprotocol negotiation failed: the server chose one the client had not offered (draft-16 section 3.3). */
    public static final long WT_ALPN_ERROR = 0x0817b3ddL;

    private WebTransportErrorCodes() {
    }

    public static long toHttp3(long applicationCode) {
        if (applicationCode < 0 || applicationCode > MAX_APPLICATION_CODE) {
            throw new IllegalArgumentException("WebTransport application error code out of range: " + applicationCode);
        }
        return FIRST + applicationCode + applicationCode / 0x1e;
    }

    /** The WebTransport code an HTTP/3 error code carries, or empty when it is none (outside, or GREASE). */
    public static OptionalLong fromHttp3(long http3Code) {
        if (http3Code < FIRST || http3Code > LAST || (http3Code - 0x21) % 0x1f == 0) {
            return OptionalLong.empty();
        }
        long shifted = http3Code - FIRST;
        return OptionalLong.of(shifted - shifted / 0x1f);
    }

    /** The WebTransport code of a peer's RESET_STREAM or STOP_SENDING, if the throwable is one carrying it. */
    public static OptionalLong fromReset(Throwable cause) {
        if (cause instanceof QuicStreamResetException reset) {
            return fromHttp3(reset.applicationProtocolCode());
        }
        return OptionalLong.empty();
    }
}
