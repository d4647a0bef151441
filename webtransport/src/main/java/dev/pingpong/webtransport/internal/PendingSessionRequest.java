package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.SessionRequest;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.codec.StructuredFieldStrings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebTransport CONNECT awaiting the application's decision. It holds the request's {@link SessionSlot}: a
 * refusal releases it, an acceptance hands it to the session. Undecided after the handshake timeout, it is
 * refused with 503.
 */
final class PendingSessionRequest implements SessionRequest {

    private static final Logger LOG = LoggerFactory.getLogger(PendingSessionRequest.class);

    private final ChannelHandlerContext ctx;
    private final WebTransportConnection connection;
    private final Http3Headers headers;
    private final Draft draft;
    private final ServerRequestHandler handler;
    private final SessionSlot slot;
    private final List<String> offeredProtocols;
    private final AtomicBoolean decided = new AtomicBoolean();
    private final ScheduledFuture<?> timeout;

    PendingSessionRequest(ChannelHandlerContext ctx, WebTransportConnection connection, Http3Headers headers,
                          Draft draft, ServerRequestHandler handler, SessionSlot slot) {
        this.ctx = ctx;
        this.connection = connection;
        this.headers = headers;
        this.draft = draft;
        this.handler = handler;
        this.slot = slot;
        this.offeredProtocols = SubprotocolHeaders.offered(headers, connection);
        this.timeout = ctx.executor().schedule(this::onTimeout,
                connection.endpoint().limits().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String path() {
        return headers.path().toString();
    }

    @Override
    public String authority() {
        return headers.authority() == null ? "" : headers.authority().toString();
    }

    @Override
    public Optional<String> origin() {
        CharSequence origin = headers.get("origin");
        return origin == null ? Optional.empty() : Optional.of(origin.toString());
    }

    @Override
    public Http3Headers headers() {
        return headers;
    }

    @Override
    public String draftName() {
        return draft.label();
    }

    @Override
    public List<String> offeredProtocols() {
        return offeredProtocols;
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return connection.peerCertificates();
    }

    @Override
    public SocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public WebTransportSession accept(SessionListener listener) {
        return accept(null, listener);
    }

    @Override
    public WebTransportSession accept(String protocol, SessionListener listener) {
        if (protocol != null && !offeredProtocols.contains(protocol)) {
            throw new IllegalArgumentException("subprotocol " + protocol + " was not offered: " + offeredProtocols);
        }
        decide();
        Session session = new Session(connection, (QuicStreamChannel) ctx.channel(), path(), protocol, draft,
                listener, slot);
        onEventLoop(() -> establish(session, protocol));
        return session;
    }

    private void establish(Session session, String protocol) {
        Http3Headers response = new DefaultHttp3Headers().status("200");
        if (draft == Draft.DRAFT_02) {
            response.add(Draft.DRAFT02_ANSWER_HEADER, ANSWERED_DRAFT);
        }
        if (protocol != null) {
            response.add(SubprotocolHeaders.CHOSEN, StructuredFieldStrings.serialize(protocol));
        }
        connection.endpoint().counters().increment(EndpointCounters.SESSIONS_ACCEPTED);
        LOG.debug("accepted session {} on {} from {} ({})", session.id(), path(), remoteAddress(), draft.label());
        ctx.writeAndFlush(new DefaultHttp3HeadersFrame(response));
        session.open();
        if (ctx.isRemoved() || !ctx.channel().isActive()) {
            session.onConnectStreamFailed(new ClosedChannelException());
            return;
        }
        handler.handOver(ctx, new ConnectStreamHandler(session, connection, ctx.alloc()));
    }

    @Override
    public void reject(int status, String explanation) {
        if (status < 300 || status > 599) {
            throw new IllegalArgumentException("not a refusal status: " + status);
        }
        Objects.requireNonNull(explanation, "explanation");
        decide();
        onEventLoop(() -> refuse(status, explanation));
    }

    private void refuse(int status, String explanation) {
        slot.release();
        connection.endpoint().counters().increment(EndpointCounters.SESSIONS_REFUSED);
        connection.endpoint().peerLog().report(EndpointCounters.SESSIONS_REFUSED + " " + status,
                connection.remoteAddress(), "refused session to " + path() + " (origin " + origin().orElse("-")
                        + "): " + status + (explanation.isEmpty() ? "" : " " + explanation));
        handler.answer(ctx, status, explanation);
    }

    private void onTimeout() {
        if (decided.compareAndSet(false, true)) {
            connection.endpoint().counters().increment(EndpointCounters.HANDSHAKE_TIMEOUTS);
            LOG.info("session request to {} from {} undecided after {}", path(), remoteAddress(),
                    connection.endpoint().limits().handshakeTimeout());
            refuse(503, "");
        }
    }

    private void decide() {
        if (!decided.compareAndSet(false, true)) {
            throw new IllegalStateException("session request already decided");
        }
        timeout.cancel(false);
    }

    private void onEventLoop(Runnable task) {
        OnLoop.run(ctx.executor(), task);
    }
}
