package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DraftTest {

    /** SETTINGS with each {@code id=value} pair of {@code spec} ("-" for none), ids in hex. */
    private static Http3Settings settings(String spec) {
        Http3Settings settings = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        if (!spec.equals("-")) {
            for (String pair : spec.split(" ")) {
                String[] parts = pair.split("=");
                settings.put(Long.parseLong(parts[0], 16), Long.parseLong(parts[1]));
            }
        }
        return settings;
    }

    private static Http3Headers connect(String token, boolean draft02Header) {
        Http3Headers headers = new DefaultHttp3Headers().method("CONNECT").protocol(token).path("/p");
        if (draft02Header) {
            headers.add("sec-webtransport-http3-draft02", "1");
        }
        return headers;
    }

    @ParameterizedTest(name = "{0} token {1}, draft02 header {2} -> {3}")
    @CsvSource({
            // Chromium 156 and Firefox 153
            "2b603742=1 33=1 ffd277=1,           webtransport,    true,  DRAFT_02",
            // flupke 0.9.4
            "14e9cd29=1,                         webtransport,    false, DRAFT_13",
            "c671706a=4,                         webtransport,    false, DRAFT_07",
            // our client: every draft's codepoint, and the new token
            "2b603742=1 c671706a=16 14e9cd29=16 2c7cf000=1, webtransport-h3, false, DRAFT_16",
            // the old token picks the newest old draft, even from a client that also speaks draft-16
            "2b603742=1 14e9cd29=16 2c7cf000=1,  webtransport,    true,  DRAFT_13",
            // draft-15 clients from before the token's rename
            "2c7cf000=1,                         webtransport,    false, DRAFT_16",
            // nothing announced: the header, else the oldest
            "-,                                  webtransport,    true,  DRAFT_02",
            "-,                                  webtransport,    false, DRAFT_02",
            "-,                                  webtransport-h3, false, DRAFT_16",
            // a boolean codepoint with a wrong value announces nothing
            "2b603742=2 2c7cf000=2,              webtransport,    false, DRAFT_02",
    })
    void aServerPicksTheDraftOfEachRequest(String clientSettings, String token, boolean draft02Header,
                                            Draft expected) {
        assertEquals(expected, Draft.ofRequest(settings(clientSettings), connect(token, draft02Header)));
    }

    @ParameterizedTest(name = "server {0} -> {1}")
    @CsvSource({
            "2b603742=1 33=1,                               DRAFT_02",
            "14e9cd29=1,                                    DRAFT_13",
            "2b603742=1 c671706a=16 14e9cd29=16 2c7cf000=1, DRAFT_16",
            "14e9cd29=0 2b603742=1,                         DRAFT_02",
    })
    void aClientPicksTheNewestDraftTheServerAnnounces(String serverSettings, Draft expected) {
        assertEquals(Optional.of(expected), Draft.newestAnnounced(settings(serverSettings)));
    }

    @Test
    void aServerAnnouncingNoDraftLeavesNoneToPick() {
        assertEquals(Optional.empty(), Draft.newestAnnounced(settings("33=1 8=1")));
    }

    @Test
    void ourOwnSettingsAnnounceEveryDraft() {
        Http3Settings ours = WebTransportSettings.local(true, 16).settings();
        for (Draft draft : Draft.values()) {
            assertTrue(draft.announcedBy(ours), draft.label());
        }
    }

    @Test
    void upgradeTokens() {
        assertTrue(Draft.isUpgradeToken("webtransport"));
        assertTrue(Draft.isUpgradeToken("webtransport-h3"));
        assertFalse(Draft.isUpgradeToken("websocket"));
        assertFalse(Draft.isUpgradeToken(null));
        assertEquals("webtransport-h3", Draft.DRAFT_16.upgradeToken());
        assertEquals("webtransport", Draft.DRAFT_02.upgradeToken());
        assertEquals("draft-16", Draft.DRAFT_16.label());
    }
}
