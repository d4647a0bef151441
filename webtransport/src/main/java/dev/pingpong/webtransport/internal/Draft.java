package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3Settings;

import java.util.Optional;

/**
 * The drafts of WebTransport over HTTP/3 this library speaks, oldest first. Each announces itself in SETTINGS by
 * a codepoint of its own (draft-16 section 7.1: an endpoint sends one per draft it speaks, and the newest both
 * speak is used); draft-15 also renamed the CONNECT's upgrade token to {@code webtransport-h3}. Streams, datagrams
 * and the close and drain capsules look the same in all of them; draft-16 adds session flow control.
 */
enum Draft {

    /** Chromium 156 and Firefox 153: SETTINGS_ENABLE_WEBTRANSPORT = 1, {@code sec-webtransport-http3-draft02}. */
    DRAFT_02("draft-02", WebTransportSettings.ENABLE_WEBTRANSPORT, Draft.LEGACY_TOKEN),
    /** SETTINGS_WEBTRANSPORT_MAX_SESSIONS above 0 (draft-07 to draft-12). */
    DRAFT_07("draft-07", WebTransportSettings.MAX_SESSIONS_DRAFT07, Draft.LEGACY_TOKEN),
    /** flupke 0.9.4: SETTINGS_WT_MAX_SESSIONS above 0 (draft-13 and draft-14). */
    DRAFT_13("draft-13", WebTransportSettings.WT_MAX_SESSIONS, Draft.LEGACY_TOKEN),
    /** SETTINGS_WT_ENABLED = 1 and the {@code webtransport-h3} token (draft-15 and draft-16). */
    DRAFT_16("draft-16", WebTransportSettings.WT_ENABLED, "webtransport-h3");

    static final String LEGACY_TOKEN = "webtransport";
    /** The request header a draft-02 client sends, and the answer header a draft-02 server sends. */
    static final String DRAFT02_REQUEST_HEADER = "sec-webtransport-http3-draft02";
    static final String DRAFT02_ANSWER_HEADER = "sec-webtransport-http3-draft";

    private final String label;
    private final long setting;
    private final String upgradeToken;

    Draft(String label, long setting, String upgradeToken) {
        this.label = label;
        this.setting = setting;
        this.upgradeToken = upgradeToken;
    }

    /** How the draft is named to applications and in logs: {@code draft-02} ... {@code draft-16}. */
    String label() {
        return label;
    }

    /** The {@code :protocol} of this draft's extended CONNECT. */
    String upgradeToken() {
        return upgradeToken;
    }

    /** Whether {@code settings} announce this draft: its codepoint above 0 (1 for the two boolean ones). */
    boolean announcedBy(Http3Settings settings) {
        long value = settings.getOrDefault(setting, 0);
        return this == DRAFT_02 || this == DRAFT_16 ? value == 1 : value > 0;
    }

    /** True when {@code token} asks for a WebTransport session in some draft we speak. */
    static boolean isUpgradeToken(CharSequence token) {
        return token != null && (LEGACY_TOKEN.contentEquals(token) || DRAFT_16.upgradeToken.contentEquals(token));
    }

    /** The newest draft {@code settings} announce, as a client picks it from the server's SETTINGS. */
    static Optional<Draft> newestAnnounced(Http3Settings settings) {
        Draft[] drafts = values();
        for (int i = drafts.length - 1; i >= 0; i--) {
            if (drafts[i].announcedBy(settings)) {
                return Optional.of(drafts[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * The draft of a session a server accepts: the token tells draft-16 ({@code webtransport-h3}) from the older
     * ones ({@code webtransport}); among the older ones, the newest the client's SETTINGS announce, where a
     * client that announces none of them is taken at its {@code sec-webtransport-http3-draft02} header or, lacking
     * that too, for the oldest. A {@code webtransport} request from a client that announces draft-16 alone is
     * draft-16, as draft-15 clients before the token's rename send it.
     */
    static Draft ofRequest(Http3Settings clientSettings, Http3Headers request) {
        if (DRAFT_16.upgradeToken.contentEquals(request.protocol())) {
            return DRAFT_16;
        }
        for (Draft draft : new Draft[] {DRAFT_13, DRAFT_07, DRAFT_02}) {
            if (draft.announcedBy(clientSettings)) {
                return draft;
            }
        }
        if (request.contains(DRAFT02_REQUEST_HEADER)) {
            return DRAFT_02;
        }
        return DRAFT_16.announcedBy(clientSettings) ? DRAFT_16 : DRAFT_02;
    }
}
