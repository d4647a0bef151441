package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.WebTransportErrorCodes;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * Streams and datagrams that arrived for a session not established yet (draft-16 section 4.6): a client may send
 * them in the flight of its CONNECT, and a server may open streams before its answer reaches the client. They wait
 * here, bounded per connection by {@link Limits#maxBufferedStreamsPerConnection()} and
 * {@link Limits#maxBufferedDatagramsPerConnection()} and in time by {@link Limits#handshakeTimeout()}, until the
 * session opens (they go to it in arrival order) or will not (streams are refused with WT_BUFFERED_STREAM_REJECTED,
 * datagrams released). Used on the connection's event loop only.
 */
final class EarlyArrivals {

    private final WebTransportConnection connection;
    private final LongObjectMap<Waiting> bySession = new LongObjectHashMap<>();
    private int streams;
    private int datagrams;

    /** What waits for one session id, and when it stops waiting. */
    private static final class Waiting {
        final List<HeldStream> streams = new ArrayList<>();
        final Queue<ByteBuf> datagrams = new ArrayDeque<>();
        ScheduledFuture<?> expiry;
    }

    EarlyArrivals(WebTransportConnection connection) {
        this.connection = connection;
    }

    /**
     * Holds {@code stream}, whose header named {@code sessionId}, behind its last handler; false when the bound is
     * reached (the stream is then the caller's to refuse).
     */
    boolean holdStream(long sessionId, QuicStreamChannel stream, boolean bidirectional) {
        int limit = limits().maxBufferedStreamsPerConnection();
        if (streams >= limit) {
            connection.endpoint().counters().increment(EndpointCounters.LIMIT_BUFFERED_STREAMS);
            report(EndpointCounters.LIMIT_BUFFERED_STREAMS, "refused stream " + stream.streamId() + " for session "
                    + sessionId + " not yet established: " + limit + " streams wait already");
            return false;
        }
        HeldStream held = new HeldStream(this, sessionId, stream, bidirectional);
        waitingFor(sessionId).streams.add(held);
        streams++;
        connection.endpoint().counters().increment(EndpointCounters.STREAMS_BUFFERED);
        stream.pipeline().addLast(held);
        return true;
    }

    /** Takes {@code datagram} for {@code sessionId}: holds it, or drops it when the bound is reached. */
    void holdDatagram(long sessionId, ByteBuf datagram) {
        int limit = limits().maxBufferedDatagramsPerConnection();
        if (datagrams >= limit) {
            datagram.release();
            connection.endpoint().counters().increment(EndpointCounters.DATAGRAMS_DROPPED);
            connection.endpoint().counters().increment(EndpointCounters.LIMIT_BUFFERED_DATAGRAMS);
            report(EndpointCounters.LIMIT_BUFFERED_DATAGRAMS, "dropped a datagram for session " + sessionId
                    + " not yet established: " + limit + " datagrams wait already");
            return;
        }
        waitingFor(sessionId).datagrams.add(datagram);
        datagrams++;
        connection.endpoint().counters().increment(EndpointCounters.DATAGRAMS_BUFFERED);
    }

    private Waiting waitingFor(long sessionId) {
        Waiting waiting = bySession.get(sessionId);
        if (waiting == null) {
            waiting = new Waiting();
            bySession.put(sessionId, waiting);
            waiting.expiry = connection.channel().eventLoop().schedule(() -> expire(sessionId),
                    limits().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        return waiting;
    }

    /** {@code session} is established: what waited for it goes to it, streams first, in arrival order. */
    void release(Session session) {
        Waiting waiting = remove(session.id());
        if (waiting == null) {
            return;
        }
        for (HeldStream held : waiting.streams) {
            if (session.acceptPeerStream(held.stream(), held.isBidirectional())) {
                held.deliver();
            } else {
                held.discard();
            }
        }
        ByteBuf datagram;
        while ((datagram = waiting.datagrams.poll()) != null) {
            session.onDatagram(datagram);
        }
    }

    /** The session {@code sessionId} will not be established: refused, or its CONNECT stream gone. */
    void refuse(long sessionId) {
        Waiting waiting = remove(sessionId);
        if (waiting != null) {
            drop(waiting);
        }
    }

    private void expire(long sessionId) {
        Waiting waiting = remove(sessionId);
        if (waiting == null) {
            return;
        }
        for (int i = 0; i < waiting.streams.size(); i++) {
            connection.endpoint().counters().increment(EndpointCounters.STREAMS_UNKNOWN_SESSION);
        }
        report(EndpointCounters.STREAMS_UNKNOWN_SESSION, "refused " + waiting.streams.size() + " stream(s) and "
                + waiting.datagrams.size() + " datagram(s) for session " + sessionId + ": not established within "
                + limits().handshakeTimeout().toMillis() + " ms");
        drop(waiting);
    }

    /** The connection has closed: nothing will be established. */
    void refuseAll() {
        for (long sessionId : new ArrayList<>(bySession.keySet())) {
            refuse(sessionId);
        }
    }

    /** A held stream closed while waiting. */
    void forget(long sessionId, HeldStream held) {
        Waiting waiting = bySession.get(sessionId);
        if (waiting != null && waiting.streams.remove(held)) {
            streams--;
        }
    }

    private Waiting remove(long sessionId) {
        Waiting waiting = bySession.remove(sessionId);
        if (waiting != null) {
            waiting.expiry.cancel(false);
            streams -= waiting.streams.size();
            datagrams -= waiting.datagrams.size();
        }
        return waiting;
    }

    private static void drop(Waiting waiting) {
        for (HeldStream held : waiting.streams) {
            held.discard();
            WebTransportConnection.refuseStream(held.stream(), held.isBidirectional(),
                    WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED);
        }
        ByteBuf datagram;
        while ((datagram = waiting.datagrams.poll()) != null) {
            datagram.release();
        }
    }

    int heldStreams() {
        return streams;
    }

    int heldDatagrams() {
        return datagrams;
    }

    private Limits limits() {
        return connection.endpoint().limits();
    }

    private void report(String kind, String message) {
        connection.endpoint().peerLog().report(kind, connection.remoteAddress(), message);
    }
}
