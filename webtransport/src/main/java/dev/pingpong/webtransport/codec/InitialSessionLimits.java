package dev.pingpong.webtransport.codec;

import io.netty.handler.codec.http3.Http3Settings;

/**
 * The initial session flow-control limits one endpoint grants its peer in every WebTransport session of an HTTP/3
 * connection, carried in SETTINGS (draft-ietf-webtrans-http3-16 section 5.5; the same codepoints since -13). A
 * setting that is absent is 0: the peer may open no stream, or send no stream byte, until a capsule grants it.
 *
 * @param maxData        SETTINGS_WT_INITIAL_MAX_DATA: stream body bytes, summed over a session's streams
 * @param maxStreamsBidi SETTINGS_WT_INITIAL_MAX_STREAMS_BIDI: bidirectional streams the peer may open per session
 * @param maxStreamsUni  SETTINGS_WT_INITIAL_MAX_STREAMS_UNI: unidirectional streams the peer may open per session
 */
public record InitialSessionLimits(long maxData, long maxStreamsBidi, long maxStreamsUni) {

    public static final long WT_INITIAL_MAX_DATA = 0x2b61L;
    public static final long WT_INITIAL_MAX_STREAMS_UNI = 0x2b64L;
    public static final long WT_INITIAL_MAX_STREAMS_BIDI = 0x2b65L;

    public InitialSessionLimits {
        if (maxData < 0 || maxData > QuicVarint.MAX_VALUE) {
            throw new IllegalArgumentException("initial max data out of range: " + maxData);
        }
        streamCount("bidi", maxStreamsBidi);
        streamCount("uni", maxStreamsUni);
    }

    private static void streamCount(String kind, long value) {
        if (value < 0 || value > Capsule.MAX_STREAMS_VALUE) {
            throw new IllegalArgumentException("initial max " + kind + " streams out of range: " + value);
        }
    }

    /**
     * The limits a peer's SETTINGS grant us. A stream count above 2^60, which no stream id could reach, counts as
     * 2^60.
     */
    public static InitialSessionLimits of(Http3Settings peer) {
        return new InitialSessionLimits(peer.getOrDefault(WT_INITIAL_MAX_DATA, 0),
                Math.min(Capsule.MAX_STREAMS_VALUE, peer.getOrDefault(WT_INITIAL_MAX_STREAMS_BIDI, 0)),
                Math.min(Capsule.MAX_STREAMS_VALUE, peer.getOrDefault(WT_INITIAL_MAX_STREAMS_UNI, 0)));
    }

    /** Adds these limits to SETTINGS we send; zeros are left out, as they are the default. */
    public void putInto(Http3Settings settings) {
        putNonZero(settings, WT_INITIAL_MAX_DATA, maxData);
        putNonZero(settings, WT_INITIAL_MAX_STREAMS_BIDI, maxStreamsBidi);
        putNonZero(settings, WT_INITIAL_MAX_STREAMS_UNI, maxStreamsUni);
    }

    private static void putNonZero(Http3Settings settings, long id, long value) {
        if (value != 0) {
            settings.put(id, value);
        }
    }

    /**
     * True when an endpoint sending these declares it uses session flow control (section 5.1): any non-zero limit.
     * Flow control is on for a connection only when both endpoints do.
     */
    public boolean declareFlowControl() {
        return maxData != 0 || maxStreamsBidi != 0 || maxStreamsUni != 0;
    }
}
