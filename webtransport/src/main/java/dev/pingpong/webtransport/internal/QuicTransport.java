package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import io.netty.handler.codec.quic.QuicCodecBuilder;

import java.util.concurrent.TimeUnit;

/** QUIC transport parameters derived from {@link Limits}, the same for both endpoint roles. */
public final class QuicTransport {

    /** Unidirectional streams beyond the peer's WebTransport ones: HTTP/3 control, QPACK encoder and decoder. */
    private static final int HTTP3_UNI_STREAMS = 3;
    /** The connection window spans this many full stream windows. */
    private static final int STREAM_WINDOWS_PER_CONNECTION = 16;

    private QuicTransport() {
    }

    public static <B extends QuicCodecBuilder<B>> B configure(B builder, Limits limits) {
        long streamWindow = limits.maxStreamBufferBytes();
        long peerStreams = (long) limits.maxStreamsPerSession() * limits.maxSessionsPerConnection();
        return builder
                .maxIdleTimeout(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(streamWindow * STREAM_WINDOWS_PER_CONNECTION)
                .initialMaxStreamDataBidirectionalLocal(streamWindow)
                .initialMaxStreamDataBidirectionalRemote(streamWindow)
                .initialMaxStreamDataUnidirectional(streamWindow)
                // CONNECT streams plus each session's peer streams; our own per-session limit refuses the excess.
                .initialMaxStreamsBidirectional(peerStreams + limits.maxSessionsPerConnection())
                // One spare: with exactly the HTTP/3 three on top, Chromium was seen unable to open a uni stream.
                .initialMaxStreamsUnidirectional(peerStreams + HTTP3_UNI_STREAMS + 1)
                .datagram(limits.maxQueuedDatagrams(), limits.maxQueuedDatagrams());
    }
}
