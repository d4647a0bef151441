package dev.pingpong.webtransport.codec;

import io.netty.handler.codec.http3.DefaultHttp3SettingsFrame;
import io.netty.handler.codec.http3.Http3SettingIdentifier;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.http3.Http3SettingsFrame;

import java.util.Optional;

/** The HTTP/3 SETTINGS WebTransport needs: what we advertise and what we require of the peer. */
public final class WebTransportSettings {

    public static final long ENABLE_CONNECT_PROTOCOL = Http3SettingIdentifier.HTTP3_SETTINGS_ENABLE_CONNECT_PROTOCOL.id();
    /** SETTINGS_H3_DATAGRAM (RFC 9297). */
    public static final long H3_DATAGRAM = Http3SettingIdentifier.HTTP3_SETTINGS_H3_DATAGRAM.id();
    /** SETTINGS_ENABLE_WEBTRANSPORT (draft-02 .. draft-07), what Chromium looks for. */
    public static final long ENABLE_WEBTRANSPORT = 0x2b603742L;
    /** SETTINGS_WEBTRANSPORT_MAX_SESSIONS of draft-07. */
    public static final long MAX_SESSIONS_DRAFT07 = 0xc671706aL;
    /** SETTINGS_WT_MAX_SESSIONS of draft-13 and draft-14; flupke opens no session unless it is above 0. */
    public static final long WT_MAX_SESSIONS = 0x14e9cd29L;
    /** SETTINGS_WT_ENABLED of draft-15 and draft-16: 1 announces the draft, values above 1 are an error. */
    public static final long WT_ENABLED = 0x2c7cf000L;

    /**
     * Accepts every setting id: Netty otherwise drops ids it does not know, both from what we send and from
     * what it decodes.
     */
    public static final Http3Settings.NonStandardHttp3SettingsValidator ACCEPT_ALL = (id, value) -> true;

    private WebTransportSettings() {
    }

    /**
     * Our SETTINGS. QPACK runs without a dynamic table (capacity 0, matching {@code disableQpackDynamicTable}),
     * since a peer that sees a capacity uses the table at once.
     */
    public static Http3SettingsFrame local(boolean server, int maxSessionsPerConnection) {
        Http3Settings settings = new Http3Settings(ACCEPT_ALL)
                .qpackMaxTableCapacity(0)
                .qpackBlockedStreams(0)
                .enableH3Datagram(true);
        if (server) {
            settings.enableConnectProtocol(true);
        }
        settings.put(ENABLE_WEBTRANSPORT, 1L);
        settings.put(MAX_SESSIONS_DRAFT07, (long) maxSessionsPerConnection);
        settings.put(WT_MAX_SESSIONS, (long) maxSessionsPerConnection);
        settings.put(WT_ENABLED, 1L);
        return new DefaultHttp3SettingsFrame(settings);
    }

    /**
     * What the peer's SETTINGS lack for WebTransport, in words, or empty when they suffice: any draft's
     * announcement does, but a SETTINGS_WT_ENABLED above 1 is wrong whatever else they carry.
     */
    public static Optional<String> missingForWebTransport(Http3Settings peer) {
        long wtEnabled = peer.getOrDefault(WT_ENABLED, 0);
        if (wtEnabled > 1) {
            return Optional.of("peer SETTINGS_WT_ENABLED is " + wtEnabled + ", where only 0 and 1 are allowed");
        }
        boolean webTransport = wtEnabled == 1
                || peer.getOrDefault(ENABLE_WEBTRANSPORT, 0) == 1
                || peer.getOrDefault(WT_MAX_SESSIONS, 0) > 0
                || peer.getOrDefault(MAX_SESSIONS_DRAFT07, 0) > 0;
        if (!webTransport) {
            return Optional.of("peer SETTINGS enable no WebTransport (none of SETTINGS_WT_ENABLED=1, "
                    + "SETTINGS_ENABLE_WEBTRANSPORT=1, WT_MAX_SESSIONS>0)");
        }
        return Optional.empty();
    }

    /** True when the peer accepts HTTP datagrams (RFC 9297 or the draft-04 id Chromium also sends). */
    public static boolean datagramsEnabled(Http3Settings peer) {
        return peer.getOrDefault(H3_DATAGRAM, 0) == 1 || peer.getOrDefault(0xffd277L, 0) == 1;
    }
}
