package dev.pingpong.webtransport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * A WebTransport stream. Its {@link #channel()} is the QUIC stream with the WebTransport stream header
 * already consumed (inbound) or written (outbound): add handlers to its pipeline to read {@code ByteBuf}s,
 * write {@code ByteBuf}s to it, and use the channel's writability and auto-read for back-pressure. Under session
 * flow control a write's future completes only once the peer's session credit let its bytes go: wait for it.
 */
public interface WebTransportStream {

    Channel channel();

    WebTransportSession session();

    boolean isBidirectional();

    /** True when this side opened the stream. */
    boolean isLocal();

    /** Sends FIN after everything written so far. */
    Future<Void> finish();

    /** Resets the sending side with a WebTransport application error code (0 .. 2^32-1). */
    Future<Void> reset(long applicationErrorCode);

    /** Asks the peer to stop sending, with a WebTransport application error code (0 .. 2^32-1). */
    Future<Void> stopSending(long applicationErrorCode);

    /**
     * Ends the stream both ways at once with a WebTransport application error code: STOP_SENDING for what it
     * receives, RESET_STREAM for what it sends, then closes it, so it no longer counts against its session's limit
     * whatever the peer does next. {@code reason} says what the peer did wrong; it goes to the endpoint's log of peer
     * misbehaviour with the peer's address, where a flood of the same kind (same code) is summed up in one line per
     * interval.
     */
    void abort(long applicationErrorCode, String reason);

    /**
     * Declares how many bytes received on this stream the application holds outside QUIC flow control (an unfinished
     * frame, say), replacing the figure declared before; 0 when it holds none. The figure counts against the
     * {@link Limits} on held bytes per stream, session, connection and endpoint, and is given back when the stream
     * closes. Returns false when it would pass one of them: the stream has then been reset (H3_EXCESSIVE_LOAD),
     * counted and logged, and the application should drop what it holds. Call on the stream's event loop.
     */
    boolean holdReceivedBytes(long bytes);
}
