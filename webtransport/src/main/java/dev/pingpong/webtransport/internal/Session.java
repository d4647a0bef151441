package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportErrorCodes;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import dev.pingpong.webtransport.codec.Capsule;
import dev.pingpong.webtransport.codec.CapsuleTooLargeException;
import dev.pingpong.webtransport.codec.Capsules;
import dev.pingpong.webtransport.codec.HttpDatagrams;
import dev.pingpong.webtransport.codec.InitialSessionLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One WebTransport session on its CONNECT stream. State changes happen on the connection's event loop; the
 * public methods hop there when called from elsewhere.
 */
final class Session implements WebTransportSession {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** How long an ended session waits for the peer's FIN before its CONNECT stream is closed. */
    private static final long CLOSE_LINGER_MILLIS = 2000;

    private enum State { OPEN, CLOSED }

    private final WebTransportConnection connection;
    private final QuicStreamChannel connectStream;
    /** The HTTP datagram prefix (quarter stream id) of this session's datagrams: its length never changes. */
    private final int datagramPrefixLength;
    private final String path;
    private final String protocol;
    private final Draft draft;
    private final SessionListener listener;
    private final SessionSlot slot;
    private final List<X509Certificate> peerCertificates;
    private final Promise<SessionCloseInfo> closed;
    private final Set<SessionStream> streams = new HashSet<>();
    private final int[] peerStreams = new int[2];
    private final HeldBytesAccounts heldBytes;
    /** Session flow control, or null when the peer does not use it. */
    private final SessionFlowControl flow;
    private volatile State state = State.OPEN;
    private volatile boolean drainSent;
    private volatile boolean peerDrained;

    Session(WebTransportConnection connection, QuicStreamChannel connectStream, String path, String protocol,
            Draft draft, SessionListener listener, SessionSlot slot) {
        this.connection = connection;
        this.slot = slot;
        this.connectStream = connectStream;
        this.datagramPrefixLength = HttpDatagrams.prefixLength(connectStream.streamId());
        this.path = path;
        this.protocol = protocol;
        this.draft = draft;
        this.listener = listener;
        this.peerCertificates = connection.peerCertificates();
        this.closed = connectStream.eventLoop().newPromise();
        this.heldBytes = new HeldBytesAccounts(connection.endpoint().limits(), connection.heldBytes(),
                connection.endpoint().counters().heldBytes());
        this.flow = flowControl();
    }

    /**
     * Session flow control, for draft-16 sessions, is on when both endpoints' SETTINGS declare it (section 5.1): ours
     * always do, a peer's when any of its initial session limits is above 0.
     */
    private SessionFlowControl flowControl() {
        Http3Settings peerSettings = connection.peerSettings().getNow();
        if (draft != Draft.DRAFT_16 || peerSettings == null) {
            return null;
        }
        InitialSessionLimits peer = InitialSessionLimits.of(peerSettings);
        if (!peer.declareFlowControl()) {
            return null;
        }
        return new SessionFlowControl(connection.endpoint().limits(), peer, connectStream.alloc(),
                capsule -> {
                    if (state == State.OPEN) {
                        connectStream.writeAndFlush(new DefaultHttp3DataFrame(capsule));
                    } else {
                        capsule.release();
                    }
                }, connection.endpoint().counters());
    }

    /** Makes the session live: reachable by id for streams and datagrams, and announced to the listener. */
    void open() {
        connection.register(this);
        connection.endpoint().sessions().add(this);
        LOG.debug("session {} open on {} path {} {}", id(), remoteAddress(), path, draft.label());
        notifyListener("onOpen", l -> l.onOpen(this));
        connection.earlyArrivals().release(this);
    }

    @Override
    public long id() {
        return connectStream.streamId();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** The draft this session speaks, decided at its CONNECT. */
    Draft draft() {
        return draft;
    }

    @Override
    public String draftName() {
        return draft.label();
    }

    @Override
    public SocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    HeldBytesAccounts heldBytes() {
        return heldBytes;
    }

    /** Counts {@code counter} and tells the endpoint's peer log, which sums up a flood of one {@code kind}. */
    void reportPeer(String counter, String kind, String message) {
        connection.endpoint().counters().increment(counter);
        connection.endpoint().peerLog().report(kind, remoteAddress(), "session " + id() + ": " + message);
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return peerCertificates;
    }

    @Override
    public EventLoop eventLoop() {
        return connectStream.eventLoop();
    }

    @Override
    public Future<WebTransportStream> openBidirectionalStream() {
        return openStream(QuicStreamType.BIDIRECTIONAL);
    }

    @Override
    public Future<WebTransportStream> openUnidirectionalStream() {
        return openStream(QuicStreamType.UNIDIRECTIONAL);
    }

    private Future<WebTransportStream> openStream(QuicStreamType type) {
        Promise<WebTransportStream> promise = eventLoop().newPromise();
        onEventLoop(() -> {
            if (state != State.OPEN) {
                promise.setFailure(new IllegalStateException("session " + id() + " is closed"));
                return;
            }
            boolean bidirectional = type == QuicStreamType.BIDIRECTIONAL;
            if (flow == null) {
                createStream(type, promise);
            } else {
                flow.openStream(bidirectional, () -> createStream(type, promise), promise::tryFailure);
            }
        });
        return promise;
    }

    private void createStream(QuicStreamType type, Promise<WebTransportStream> promise) {
        connection.channel().createStream(type, new LocalStreamInitializer()).addListener(f -> {
            if (!f.isSuccess()) {
                promise.setFailure(f.cause());
                return;
            }
            QuicStreamChannel channel = (QuicStreamChannel) f.getNow();
            if (state != State.OPEN) {
                channel.close();
                promise.setFailure(new IllegalStateException("session " + id() + " closed meanwhile"));
                return;
            }
            channel.pipeline().addFirst(new EndedSessionResetFilter(this));
            promise.setSuccess(track(new SessionStream(this, channel, type == QuicStreamType.BIDIRECTIONAL, true)));
        });
    }

    /** A stream we open: its header goes out first, then, under flow control, what the peer's credit lets through. */
    private final class LocalStreamInitializer extends ChannelInitializer<QuicStreamChannel> {
        @Override
        protected void initChannel(QuicStreamChannel channel) {
            channel.pipeline().addLast(new StreamHeaderWriter(id()));
            if (flow != null) {
                channel.pipeline().addLast(new SessionFlowHandler(Session.this, flow,
                        connection.endpoint().counters().blockedSendBytes()));
            }
        }
    }

    /**
     * A peer stream for this session: under flow control within the cumulative limit we advertised (else the session
     * ends), and bounded per direction in any case; then owned by the listener. False when refused.
     */
    boolean acceptPeerStream(QuicStreamChannel channel, boolean bidirectional) {
        if (state != State.OPEN) {
            WebTransportConnection.refuseStream(channel, bidirectional,
                    WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED);
            return false;
        }
        if (flow != null) {
            try {
                flow.onPeerStreamOpened(bidirectional);
            } catch (FlowControlViolation e) {
                WebTransportConnection.refuseStream(channel, bidirectional, WebTransportErrorCodes.WT_FLOW_CONTROL_ERROR);
                onFlowControlError(e.getMessage());
                return false;
            }
            channel.closeFuture().addListener(f -> flow.onPeerStreamClosed(bidirectional));
        }
        int direction = bidirectional ? 0 : 1;
        int limit = connection.endpoint().limits().maxStreamsPerSession();
        if (peerStreams[direction] >= limit) {
            reportPeer(EndpointCounters.LIMIT_STREAMS, EndpointCounters.LIMIT_STREAMS, "refused peer "
                    + (bidirectional ? "bidi" : "uni") + " stream " + channel.streamId() + ": "
                    + peerStreams[direction] + " open, limit " + limit);
            WebTransportConnection.refuseStream(channel, bidirectional,
                    WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED);
            return false;
        }
        peerStreams[direction]++;
        channel.closeFuture().addListener(f -> peerStreams[direction]--);
        channel.pipeline().addFirst(new EndedSessionResetFilter(this));
        if (flow != null) {
            // Behind the header decoder, which hands what followed the header on to the handlers after it.
            channel.pipeline().addLast(new SessionFlowHandler(this, flow,
                    connection.endpoint().counters().blockedSendBytes()));
        }
        SessionStream stream = track(new SessionStream(this, channel, bidirectional, false));
        if (!notifyListener("onStream for stream " + channel.streamId(), l -> l.onStream(this, stream))) {
            stream.abortWithHttp3Code(WebTransportErrorCodes.WT_SESSION_GONE);
            return false;
        }
        channel.pipeline().addLast(PeerResetHandler.INSTANCE);
        return true;
    }

    private SessionStream track(SessionStream stream) {
        streams.add(stream);
        stream.channel().closeFuture().addListener(f -> streams.remove(stream));
        return stream;
    }

    @Override
    public Future<Void> sendDatagram(ByteBuf payload) {
        return writeDatagram(payload, true);
    }

    @Override
    public Future<Void> writeDatagram(ByteBuf payload) {
        return writeDatagram(payload, false);
    }

    @Override
    public void flushDatagrams() {
        connection.channel().flush();
    }

    private Future<Void> writeDatagram(ByteBuf payload, boolean flush) {
        int max = maxDatagramSize();
        if (payload.readableBytes() > max || state != State.OPEN) {
            int size = payload.readableBytes();
            payload.release();
            return eventLoop().newFailedFuture(new IllegalArgumentException(state != State.OPEN
                    ? "session " + id() + " is closed"
                    : "datagram of " + size + " bytes exceeds the maximum of " + max));
        }
        ByteBuf datagram = HttpDatagrams.encode(connection.channel().alloc(), id(), payload);
        return flush ? connection.channel().writeAndFlush(datagram) : connection.channel().write(datagram);
    }

    void onDatagram(ByteBuf payload) {
        notifyListener("onDatagram", l -> l.onDatagram(this, payload));
    }

    @Override
    public int maxDatagramSize() {
        int length = connection.maxDatagramLength();
        return length == 0 ? 0 : Math.max(0, length - datagramPrefixLength);
    }

    @Override
    public void drain() {
        onEventLoop(() -> {
            if (state != State.OPEN || drainSent) {
                return;
            }
            drainSent = true;
            connectStream.writeAndFlush(new DefaultHttp3DataFrame(Capsules.drainSession(connectStream.alloc())));
        });
    }

    @Override
    public boolean isDraining() {
        return drainSent || peerDrained;
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public Future<Void> close(int code, String reason) {
        Promise<Void> promise = eventLoop().newPromise();
        long unsignedCode = Integer.toUnsignedLong(code);
        onEventLoop(() -> {
            if (state != State.OPEN) {
                promise.trySuccess(null);
                return;
            }
            ChannelFuture written = connectStream.writeAndFlush(new DefaultHttp3DataFrame(
                    Capsules.closeSession(connectStream.alloc(), unsignedCode, reason)));
            finishConnectStream().addListener(f -> promise.trySuccess(null));
            written.addListener(f -> {
                if (!f.isSuccess()) {
                    promise.trySuccess(null);
                }
            });
            end(new SessionCloseInfo(unsignedCode, reason == null ? "" : reason, false, null));
        });
        return promise;
    }

    @Override
    public Future<SessionCloseInfo> closeFuture() {
        return closed;
    }

    void onCapsule(Capsule capsule) {
        try {
            if (capsule.type() == Capsule.CLOSE_WEBTRANSPORT_SESSION) {
                onPeerClose(capsule.content());
            } else if (capsule.type() == Capsule.DRAIN_WEBTRANSPORT_SESSION) {
                onPeerDrain();
            } else if (Capsule.isFlowControl(capsule.type()) && flow != null) {
                // Without flow control on both sides these capsules are ignored (section 5.1).
                onFlowControlCapsule(capsule);
            }
        } finally {
            capsule.release();
        }
    }

    private void onPeerClose(ByteBuf payload) {
        Capsules.CloseSession close;
        try {
            close = Capsules.readCloseSession(payload);
        } catch (IllegalArgumentException e) {
            onProtocolError(e.getMessage());
            return;
        }
        LOG.debug("session {} closed by peer: code {} reason '{}'", id(), close.code(), close.reason());
        if (end(new SessionCloseInfo(close.code(), close.reason(), true, null))) {
            finishConnectStream();
        }
    }

    private void onFlowControlCapsule(Capsule capsule) {
        try {
            flow.onCapsule(capsule.type(), capsule.content());
        } catch (IllegalArgumentException e) {
            onProtocolError(e.getMessage());
        } catch (FlowControlViolation e) {
            onFlowControlError(e.getMessage());
        }
    }

    /** The peer asked to wind down: WT_DRAIN_SESSION, or GOAWAY for the whole connection. Heard once. */
    void onPeerDrain() {
        if (peerDrained) {
            return;
        }
        peerDrained = true;
        LOG.debug("session {} drained by peer", id());
        notifyListener("onDraining", l -> l.onDraining(this));
    }

    /** The peer finished the CONNECT stream (FIN). */
    void onConnectStreamFinished() {
        if (end(new SessionCloseInfo(0, "", true, null))) {
            finishConnectStream();
        } else {
            connectStream.close();
        }
    }

    /** The CONNECT stream failed: reset by the peer or broken. */
    void onConnectStreamFailed(Throwable cause) {
        end(new SessionCloseInfo(0, "", true, cause));
        connectStream.close();
    }

    void onCapsuleTooLarge(CapsuleTooLargeException e) {
        reportPeer(EndpointCounters.LIMIT_CAPSULE_SIZE, EndpointCounters.LIMIT_CAPSULE_SIZE,
                e.getMessage() + "; closing the session");
        failSession(e);
    }

    void onProtocolError(String message) {
        reportPeer(EndpointCounters.PROTOCOL_ERRORS, EndpointCounters.PROTOCOL_ERRORS,
                "protocol error: " + message + "; closing the session");
        failSession(new IllegalStateException(message));
    }

    /** The peer broke session flow control: the session ends, its CONNECT stream reset with WT_FLOW_CONTROL_ERROR. */
    void onFlowControlError(String message) {
        if (state != State.OPEN) {
            return;
        }
        reportPeer(EndpointCounters.FLOW_CONTROL_ERRORS, EndpointCounters.FLOW_CONTROL_ERRORS,
                "flow control error: " + message + "; closing the session");
        failSession(new IllegalStateException("WT_FLOW_CONTROL_ERROR: " + message),
                WebTransportErrorCodes.WT_FLOW_CONTROL_ERROR);
    }

    private void failSession(Throwable cause) {
        failSession(cause, Http3ErrorCode.H3_MESSAGE_ERROR.code());
    }

    private void failSession(Throwable cause, long http3Code) {
        end(new SessionCloseInfo(0, "", false, cause));
        StreamShutdown.stopSending(connectStream, http3Code);
        StreamShutdown.reset(connectStream, http3Code).addListener(f -> connectStream.close());
    }

    void onConnectionClosed(Throwable cause) {
        end(new SessionCloseInfo(0, "", false, cause));
    }

    /** FIN on the CONNECT stream, deferred: a FIN issued from within an input-shutdown callback can get lost. */
    private Future<Void> finishConnectStream() {
        Promise<Void> promise = eventLoop().newPromise();
        StreamShutdown.finishBelowHandlers(connectStream).addListener(f -> {
            promise.trySuccess(null);
            if (connectStream.isInputShutdown()) {
                connectStream.close();
            }
        });
        return promise;
    }

    /** Ends the session once: streams go, the listener and closeFuture hear how. False if it had ended. */
    private boolean end(SessionCloseInfo info) {
        if (state == State.CLOSED) {
            return false;
        }
        state = State.CLOSED;
        connection.unregister(this);
        slot.release();
        EndpointContext endpoint = connection.endpoint();
        endpoint.sessions().remove(this);
        endpoint.counters().increment(EndpointCounters.SESSIONS_CLOSED);
        if (flow != null) {
            flow.close(() -> new IllegalStateException("session " + id() + " ended"));
        }
        for (SessionStream stream : new ArrayList<>(streams)) {
            stream.abortWithHttp3Code(WebTransportErrorCodes.WT_SESSION_GONE);
        }
        // Both FINs normally close the CONNECT stream at once; a peer that never sends its own is not waited for.
        // The timer goes with the stream, so a peer churning sessions leaves no timers behind.
        ScheduledFuture<?> linger = eventLoop().schedule(() -> connectStream.close(), CLOSE_LINGER_MILLIS,
                TimeUnit.MILLISECONDS);
        connectStream.closeFuture().addListener(f -> linger.cancel(false));
        LOG.debug("session {} ended: code {} reason '{}' byPeer {} cause {}", id(), info.code(), info.reason(),
                info.byPeer(), info.cause() == null ? "-" : info.cause().toString());
        notifyListener("onClosed", l -> l.onClosed(this, info));
        closed.trySuccess(info);
        return true;
    }

    /**
     * Calls the application's listener: a callback that throws is logged on one line and goes no further, so
     * the session's own state stays consistent. False when it threw.
     */
    private boolean notifyListener(String callback, Consumer<SessionListener> call) {
        try {
            call.accept(listener);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("session {}: listener failed in {}: {}", id(), callback, e.toString());
            return false;
        }
    }

    private void onEventLoop(Runnable task) {
        OnLoop.run(eventLoop(), task);
    }

    @Override
    public String toString() {
        return "Session(" + id() + " " + path + " " + remoteAddress() + ")";
    }
}
