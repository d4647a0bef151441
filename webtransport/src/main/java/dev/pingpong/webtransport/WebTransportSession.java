package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One WebTransport session: an extended CONNECT stream on an HTTP/3 connection, plus the streams and
 * datagrams associated with it. Every callback of the session's {@link SessionListener} runs on
 * {@link #eventLoop()}; the methods here may be called from any thread.
 */
public interface WebTransportSession {

    /** The session id: the stream id of the CONNECT request. */
    long id();

    /** The path of the CONNECT request. */
    String path();

    /** The subprotocol the server selected from {@code wt-available-protocols}, if any. */
    Optional<String> protocol();

    /**
     * The draft of WebTransport over HTTP/3 the session speaks, as negotiated at its CONNECT: {@code draft-02}
     * (Chromium, Firefox), {@code draft-07}, {@code draft-13} (flupke) or {@code draft-16}. See the library's
     * documentation for the rules.
     */
    String draftName();

    SocketAddress remoteAddress();

    /** The certificates the peer presented, leaf first; empty when it presented none. */
    List<X509Certificate> peerCertificates();

    EventLoop eventLoop();

    /**
     * Opens a bidirectional stream. Under session flow control (draft-16) an open past the peer's stream limit waits
     * until the peer raises it, up to {@link Limits#maxStreamsPerSession()} waiting opens; more fail at once, and so
     * do waiting ones when the session ends.
     */
    Future<WebTransportStream> openBidirectionalStream();

    /** Opens a unidirectional stream; waits like {@link #openBidirectionalStream()}. */
    Future<WebTransportStream> openUnidirectionalStream();

    /** Room to leave before a datagram payload's reader index so that {@link #sendDatagram} need not copy it. */
    int DATAGRAM_HEADROOM = 8;

    /**
     * Sends one datagram. Takes ownership of {@code payload}; fails if it exceeds {@link #maxDatagramSize()}. A payload
     * with {@link #DATAGRAM_HEADROOM} bytes free before its reader index (as a received datagram has) gets the HTTP
     * datagram prefix written there instead of being copied.
     */
    Future<Void> sendDatagram(ByteBuf payload);

    /**
     * Queues one datagram as {@link #sendDatagram} sends it, to leave with the next {@link #flushDatagrams()}:
     * datagrams flushed together share QUIC packets, as many to a packet as fit. (Datagrams sent while the connection
     * reads wait for the end of that read anyway, for the same reason.)
     */
    Future<Void> writeDatagram(ByteBuf payload);

    /** Sends the datagrams {@link #writeDatagram} queued. */
    void flushDatagrams();

    /** The largest payload {@link #sendDatagram} accepts now, or 0 when the connection carries no datagrams. */
    int maxDatagramSize();

    /** Asks the peer to wind the session down (WT_DRAIN_SESSION); the session stays usable. */
    void drain();

    /** True once either side sent WT_DRAIN_SESSION. */
    boolean isDraining();

    boolean isOpen();

    /** Closes the session with WT_CLOSE_SESSION carrying {@code code} and {@code reason}, then FIN. */
    Future<Void> close(int code, String reason);

    /** Completes (never fails) when the session has ended, however it ended. */
    Future<SessionCloseInfo> closeFuture();
}
