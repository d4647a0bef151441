package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.WebTransportErrorCodes;
import dev.pingpong.webtransport.codec.HttpDatagrams;
import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http3.DefaultHttp3GoAwayFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.collection.LongObjectMap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The WebTransport state of one QUIC connection: its sessions by id, the peer's SETTINGS and the datagram
 * size. Lives in an attribute of the {@link QuicChannel}; touched only on that channel's event loop.
 */
final class WebTransportConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WebTransportConnection.class);

    /** RFC 9297 section 2.1: a QUIC DATAGRAM without a valid quarter stream id is this connection error. */
    static final long H3_DATAGRAM_ERROR = 0x33;

    private static final AttributeKey<WebTransportConnection> KEY = AttributeKey.valueOf(WebTransportConnection.class,
            "connection");

    private final QuicChannel channel;
    private final EndpointContext endpoint;
    private final LongObjectMap<Session> sessions = new LongObjectHashMap<>();
    private final Promise<Http3Settings> peerSettings;
    private int sessionsReserved;
    private final BoundedCount headerPending = new BoundedCount();
    private final BoundedCount heldBytes = new BoundedCount();
    private volatile SocketAddress remoteAddress;
    private volatile int maxDatagramLength;
    /** From the peer's SETTINGS, read once as they arrive rather than per datagram sent. */
    private volatile boolean peerAcceptsDatagrams;
    private Throwable closeCause;
    /** The highest request stream id seen (server), -1 before the first. */
    private long highestRequestId = -1;
    /** The id our GOAWAY carried, -1 while none was sent. */
    private long goAwayId = -1;
    private boolean peerGoAway;
    /** Session ids whose CONNECT is under way: sent and unanswered (client), or arrived and undecided (server). */
    private final Set<Long> pendingSessions = new HashSet<>();
    private final EarlyArrivals early = new EarlyArrivals(this);

    private WebTransportConnection(QuicChannel channel, EndpointContext endpoint) {
        this.channel = channel;
        this.endpoint = endpoint;
        this.peerSettings = channel.eventLoop().newPromise();
    }

    static WebTransportConnection attach(QuicChannel channel, EndpointContext endpoint) {
        WebTransportConnection connection = new WebTransportConnection(channel, endpoint);
        connection.remoteAddress();
        channel.attr(KEY).set(connection);
        return connection;
    }

    static WebTransportConnection of(Channel quicChannel) {
        return quicChannel.attr(KEY).get();
    }

    QuicChannel channel() {
        return channel;
    }

    EndpointContext endpoint() {
        return endpoint;
    }

    /** The peer's address; still known once the connection has closed, when Netty's channel forgets it. */
    SocketAddress remoteAddress() {
        SocketAddress known = remoteAddress;
        if (known == null) {
            known = channel.remoteSocketAddress();
            remoteAddress = known;
        }
        return known;
    }

    /** Peer streams of this connection whose header has not all arrived. */
    BoundedCount headerPending() {
        return headerPending;
    }

    /** Received bytes applications hold for this connection's streams outside QUIC flow control. */
    BoundedCount heldBytes() {
        return heldBytes;
    }

    /** Completes with the peer's SETTINGS; fails if the connection closes first. */
    Future<Http3Settings> peerSettings() {
        return peerSettings;
    }

    void onPeerSettings(Http3Settings settings) {
        if (!peerSettings.isDone()) {
            peerAcceptsDatagrams = WebTransportSettings.datagramsEnabled(settings);
            peerSettings.trySuccess(settings);
        }
    }

    /** A request arrived on {@code streamId}: a later GOAWAY lets it be processed; it may become a session. */
    void onRequestStream(long streamId) {
        highestRequestId = Math.max(highestRequestId, streamId);
        expectSession(streamId);
    }

    /** A CONNECT on {@code sessionId} is under way: streams and datagrams for it wait for its outcome. */
    void expectSession(long sessionId) {
        pendingSessions.add(sessionId);
    }

    /** The request on {@code sessionId} was answered or went away without a session: nothing waits for it. */
    void settleSession(long sessionId) {
        if (pendingSessions.remove(sessionId) && !sessions.containsKey(sessionId)) {
            early.refuse(sessionId);
        }
    }

    /**
     * Whether a stream or datagram for an unknown {@code sessionId} may still find its session: its CONNECT is under
     * way, or (server) has not arrived yet: a client-initiated bidirectional stream id beyond every request seen and
     * not excluded by our GOAWAY.
     */
    private boolean mayBecomeSession(long sessionId) {
        return pendingSessions.contains(sessionId) || endpoint.isServer() && sessionId % 4 == 0
                && sessionId > highestRequestId && !isBeyondGoAway(sessionId);
    }

    /** What waits here for sessions not established yet. */
    EarlyArrivals earlyArrivals() {
        return early;
    }

    /** Whether our GOAWAY told the peer a request on {@code streamId} would not be processed. */
    boolean isBeyondGoAway(long streamId) {
        return goAwayId >= 0 && streamId >= goAwayId;
    }

    /**
     * Server side of a graceful shutdown: GOAWAY naming the first request stream that will not be processed (the
     * one after the last seen), then WT_DRAIN_SESSION to each session, which may go on until it ends or the
     * shutdown's deadline (draft-16 section 4.7). Once.
     */
    void goAway() {
        if (goAwayId >= 0 || !endpoint.isServer()) {
            return;
        }
        goAwayId = highestRequestId < 0 ? 0 : highestRequestId + 4;
        QuicStreamChannel control = Http3.getLocalControlStream(channel);
        if (control != null) {
            control.writeAndFlush(new DefaultHttp3GoAwayFrame(goAwayId));
        }
        LOG.debug("GOAWAY {} to {}, draining {} session(s)", goAwayId, remoteAddress(), sessions.size());
        for (Session session : new ArrayList<>(sessions.values())) {
            session.drain();
        }
    }

    /** The peer sent GOAWAY: every session here is to wind down, as on WT_DRAIN_SESSION; no new ones start. */
    void onPeerGoAway(long id) {
        if (peerGoAway) {
            return;
        }
        peerGoAway = true;
        LOG.debug("GOAWAY {} from {}: draining {} session(s)", id, remoteAddress(), sessions.size());
        for (Session session : new ArrayList<>(sessions.values())) {
            session.onPeerDrain();
        }
    }

    /** Whether the peer sent GOAWAY: a client opens no new session on this connection then. */
    boolean isPeerGoingAway() {
        return peerGoAway;
    }

    /** Reserves a session slot on this connection; false when {@code maxSessionsPerConnection} are taken. */
    boolean tryReserveSession() {
        if (sessionsReserved >= endpoint.limits().maxSessionsPerConnection()) {
            return false;
        }
        sessionsReserved++;
        return true;
    }

    void releaseSession() {
        sessionsReserved--;
    }

    void register(Session session) {
        sessions.put(session.id(), session);
        pendingSessions.remove(session.id());
    }

    void unregister(Session session) {
        sessions.remove(session.id());
    }

    /**
     * A peer stream announced itself for {@code sessionId}: hand it to the session, hold it for a session that may
     * still come, or refuse it.
     */
    void onPeerStream(QuicStreamChannel stream, boolean bidirectional, long sessionId) {
        if (!isRequestStreamId(sessionId)) {
            PendingHeader.arrived(stream);
            closeWithError(Http3ErrorCode.H3_ID_ERROR.code(), (bidirectional ? "bidi" : "uni") + " stream "
                    + stream.streamId() + " names session " + sessionId
                    + ", not a client-initiated bidirectional stream id");
            return;
        }
        Session session = sessions.get(sessionId);
        if (session == null && mayBecomeSession(sessionId) && early.holdStream(sessionId, stream, bidirectional)) {
            PendingHeader.arrived(stream);
            return;
        }
        if (session == null) {
            endpoint.counters().increment(EndpointCounters.STREAMS_UNKNOWN_SESSION);
            endpoint.peerLog().report(EndpointCounters.STREAMS_UNKNOWN_SESSION, remoteAddress(),
                    "refused stream " + stream.streamId() + " for unknown session " + sessionId);
            refuseStream(stream, bidirectional, WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED);
            return;
        }
        PendingHeader.arrived(stream);
        session.acceptPeerStream(stream, bidirectional);
    }

    /** Refuses a peer stream: STOP_SENDING, and RESET_STREAM when bidirectional, both with {@code http3Code}. */
    static void refuseStream(QuicStreamChannel stream, boolean bidirectional, long http3Code) {
        StreamShutdown.abort(stream, http3Code, true, bidirectional);
    }

    void onDatagram(ByteBuf datagram) {
        long sessionId = HttpDatagrams.readSessionId(datagram);
        if (sessionId < 0) {
            int length = datagram.readableBytes();
            datagram.release();
            endpoint.counters().increment(EndpointCounters.DATAGRAMS_DROPPED);
            closeWithError(H3_DATAGRAM_ERROR, "datagram of " + length + " bytes without a valid quarter stream id");
            return;
        }
        Session session = sessions.get(sessionId);
        if (session == null && mayBecomeSession(sessionId)) {
            early.holdDatagram(sessionId, datagram);
            return;
        }
        if (session == null) {
            datagram.release();
            endpoint.counters().increment(EndpointCounters.DATAGRAMS_DROPPED);
            return;
        }
        session.onDatagram(datagram);
    }

    /**
     * Session ids are CONNECT stream ids, so client-initiated bidirectional stream ids (draft-16 section 4); those of
     * ended or unknown sessions are valid, and refused as such.
     */
    private static boolean isRequestStreamId(long sessionId) {
        return (sessionId & 0x3) == 0;
    }

    /**
     * An HTTP/3 connection error: the peer broke a rule no single stream can answer for, so the connection closes
     * with {@code http3Code} and {@code message} as reason; counted and told on the peer log.
     */
    private void closeWithError(long http3Code, String message) {
        if (!channel.isActive()) {
            return;
        }
        endpoint.counters().increment(EndpointCounters.PROTOCOL_ERRORS);
        endpoint.peerLog().report(EndpointCounters.PROTOCOL_ERRORS, remoteAddress(), message
                + "; connection closed with HTTP/3 error 0x" + Long.toHexString(http3Code));
        channel.close(true, (int) http3Code, Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
    }

    void onMaxDatagramLength(int length) {
        maxDatagramLength = length;
    }

    /** The largest QUIC DATAGRAM payload we may send, 0 when the peer accepts none. */
    int maxDatagramLength() {
        return peerAcceptsDatagrams ? maxDatagramLength : 0;
    }

    /** The peer's CONNECTION_CLOSE arrived; streams may see their end before the connection's. */
    void onCloseEvent(Throwable cause) {
        closeCause = cause;
    }

    void onClosed(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        peerSettings.tryFailure(closeCause);
        pendingSessions.clear();
        early.refuseAll();
        for (Session session : new ArrayList<>(sessions.values())) {
            session.onConnectionClosed(closeCause);
        }
    }

    /** Why the connection ended, or null while it is open. */
    Throwable closeCause() {
        return closeCause;
    }

    /**
     * The peer's certificate chain, empty without one. A server that asks for no client certificate has none to
     * look up (Netty's session throws, at the cost of a stack trace, when there are none).
     */
    List<X509Certificate> peerCertificates() {
        try {
            SSLEngine engine = channel.sslEngine();
            if (engine == null || endpoint.isServer() && !engine.getNeedClientAuth() && !engine.getWantClientAuth()) {
                return List.of();
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : engine.getSession().getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return List.copyOf(certificates);
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return List.of();
        }
    }
}
