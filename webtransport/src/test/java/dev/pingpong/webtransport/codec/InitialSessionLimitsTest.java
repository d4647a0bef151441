package dev.pingpong.webtransport.codec;

import io.netty.handler.codec.http3.Http3Settings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitialSessionLimitsTest {

    @Test
    void theDraftsSettingIds() {
        assertEquals(0x2b61L, InitialSessionLimits.WT_INITIAL_MAX_DATA);
        assertEquals(0x2b64L, InitialSessionLimits.WT_INITIAL_MAX_STREAMS_UNI);
        assertEquals(0x2b65L, InitialSessionLimits.WT_INITIAL_MAX_STREAMS_BIDI);
    }

    @Test
    void limitsRoundTripThroughSettings() {
        Http3Settings settings = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        new InitialSessionLimits(1 << 20, 256, 100).putInto(settings);
        assertEquals(1L << 20, settings.get(0x2b61L));
        assertEquals(256L, settings.get(0x2b65L));
        assertEquals(100L, settings.get(0x2b64L));
        assertEquals(new InitialSessionLimits(1 << 20, 256, 100), InitialSessionLimits.of(settings));
    }

    @Test
    void absentSettingsAreZeroAndDeclareNoFlowControl() {
        Http3Settings chromiumStyle = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        chromiumStyle.put(WebTransportSettings.ENABLE_WEBTRANSPORT, 1L);
        InitialSessionLimits limits = InitialSessionLimits.of(chromiumStyle);
        assertEquals(new InitialSessionLimits(0, 0, 0), limits);
        assertFalse(limits.declareFlowControl());
        assertTrue(new InitialSessionLimits(0, 0, 1).declareFlowControl(), "any one non-zero limit declares it");
    }

    @Test
    void zerosAreLeftOutOfOurSettings() {
        Http3Settings settings = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        new InitialSessionLimits(0, 4, 0).putInto(settings);
        assertNull(settings.get(0x2b61L));
        assertNull(settings.get(0x2b64L));
        assertEquals(4L, settings.get(0x2b65L));
    }

    @Test
    void aPeersStreamCountAboveWhatStreamIdsAllowCountsAsTheMaximum() {
        Http3Settings settings = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        settings.put(0x2b65L, QuicVarint.MAX_VALUE);
        assertEquals(Capsule.MAX_STREAMS_VALUE, InitialSessionLimits.of(settings).maxStreamsBidi());
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InitialSessionLimits(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new InitialSessionLimits(0, Capsule.MAX_STREAMS_VALUE + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new InitialSessionLimits(0, 0, -1));
    }
}
