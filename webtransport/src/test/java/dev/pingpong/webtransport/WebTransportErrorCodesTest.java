package dev.pingpong.webtransport;

import io.netty.handler.codec.quic.QuicStreamResetException;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebTransportErrorCodesTest {

    @Test
    void mapsTheEndsOfTheRange() {
        assertEquals(0x52e4a40fa8dbL, WebTransportErrorCodes.toHttp3(0));
        assertEquals(WebTransportErrorCodes.LAST, WebTransportErrorCodes.toHttp3(0xFFFF_FFFFL));
        assertEquals(0xFFFF_FFFFL, WebTransportErrorCodes.fromHttp3(WebTransportErrorCodes.LAST).orElseThrow());
    }

    @Test
    void skipsGreaseCodepoints() {
        // 0x1d maps just below the first GREASE value (0x1f * N + 0x21) in the range; 0x1e just above it.
        long before = WebTransportErrorCodes.toHttp3(0x1d);
        long after = WebTransportErrorCodes.toHttp3(0x1e);
        assertEquals(2, after - before);
        assertEquals(0, (before + 1 - 0x21) % 0x1f, "the skipped value is a GREASE codepoint");
        assertEquals(OptionalLong.empty(), WebTransportErrorCodes.fromHttp3(before + 1));
    }

    @Test
    void roundTripsEveryCodeInASample() {
        for (long code = 0; code < 100_000; code += 7) {
            assertEquals(code, WebTransportErrorCodes.fromHttp3(WebTransportErrorCodes.toHttp3(code)).orElseThrow());
        }
        for (long code = 0xFFFF_FFFFL - 1000; code <= 0xFFFF_FFFFL; code++) {
            assertEquals(code, WebTransportErrorCodes.fromHttp3(WebTransportErrorCodes.toHttp3(code)).orElseThrow());
        }
    }

    @Test
    void codesOutsideTheRangeCarryNoApplicationCode() {
        assertEquals(OptionalLong.empty(), WebTransportErrorCodes.fromHttp3(0x100));
        assertEquals(OptionalLong.empty(), WebTransportErrorCodes.fromHttp3(WebTransportErrorCodes.LAST + 1));
        assertThrows(IllegalArgumentException.class, () -> WebTransportErrorCodes.toHttp3(-1));
        assertThrows(IllegalArgumentException.class, () -> WebTransportErrorCodes.toHttp3(1L << 32));
    }

    @Test
    void readsTheCodeOfAPeerReset() {
        assertEquals(42, WebTransportErrorCodes.fromReset(new QuicStreamResetException("reset",
                WebTransportErrorCodes.toHttp3(42))).orElseThrow());
        assertEquals(OptionalLong.empty(), WebTransportErrorCodes.fromReset(new IllegalStateException()));
    }
}
