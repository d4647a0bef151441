package dev.pingpong.webtransport.codec;

import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.http3.Http3SettingIdentifier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebTransportSettingsTest {

    @Test
    void serverAdvertisesWebTransportDatagramsAndExtendedConnect() {
        Http3Settings settings = WebTransportSettings.local(true, 16).settings();
        assertEquals(1L, settings.get(WebTransportSettings.H3_DATAGRAM));
        assertEquals(1L, settings.get(WebTransportSettings.ENABLE_WEBTRANSPORT));
        assertEquals(1L, settings.get(WebTransportSettings.ENABLE_CONNECT_PROTOCOL));
        assertEquals(16L, settings.get(WebTransportSettings.WT_MAX_SESSIONS));
        assertEquals(16L, settings.get(WebTransportSettings.MAX_SESSIONS_DRAFT07));
        assertEquals(1L, settings.get(WebTransportSettings.WT_ENABLED));
        assertEquals(0L, settings.get(Http3SettingIdentifier.HTTP3_SETTINGS_QPACK_MAX_TABLE_CAPACITY.id()),
                "no dynamic table advertised: the connection handler runs with it disabled");
        assertEquals(0L, settings.get(Http3SettingIdentifier.HTTP3_SETTINGS_QPACK_BLOCKED_STREAMS.id()));
    }

    @Test
    void clientDoesNotOfferExtendedConnect() {
        Http3Settings settings = WebTransportSettings.local(false, 1).settings();
        assertEquals(null, settings.get(WebTransportSettings.ENABLE_CONNECT_PROTOCOL));
        assertEquals(1L, settings.get(WebTransportSettings.ENABLE_WEBTRANSPORT));
    }

    @Test
    void ourOwnSettingsSatisfyAPeer() {
        assertTrue(WebTransportSettings.missingForWebTransport(WebTransportSettings.local(true, 1).settings())
                .isEmpty());
        assertTrue(WebTransportSettings.datagramsEnabled(WebTransportSettings.local(true, 1).settings()));
    }

    @Test
    void peerWithoutWebTransportIsNamed() {
        Http3Settings plain = Http3Settings.defaultSettings();
        assertTrue(WebTransportSettings.missingForWebTransport(plain).orElseThrow()
                .contains("SETTINGS_ENABLE_WEBTRANSPORT"));
        assertFalse(WebTransportSettings.datagramsEnabled(plain));
    }

    @Test
    void draft16EnabledAloneSufficesButOnlyAsOne() {
        Http3Settings draft16 = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        draft16.put(WebTransportSettings.WT_ENABLED, 1L);
        assertTrue(WebTransportSettings.missingForWebTransport(draft16).isEmpty());
        draft16.put(WebTransportSettings.ENABLE_WEBTRANSPORT, 1L);
        draft16.put(WebTransportSettings.WT_ENABLED, 2L);
        assertTrue(WebTransportSettings.missingForWebTransport(draft16).orElseThrow()
                .contains("SETTINGS_WT_ENABLED is 2"));
    }

    @Test
    void newerDraftsMaxSessionsAloneSuffices() {
        Http3Settings flupkeStyle = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        flupkeStyle.put(WebTransportSettings.WT_MAX_SESSIONS, 1L);
        assertTrue(WebTransportSettings.missingForWebTransport(flupkeStyle).isEmpty());
    }
}
