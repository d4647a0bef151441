package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.SessionAcceptor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A server request stream: an extended CONNECT for WebTransport on a routed path, within the limits, becomes a
 * {@link PendingSessionRequest} for the path's acceptor; every other request is answered, never left hanging.
 */
final class ServerRequestHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRequestHandler.class);
    private static final AsciiString CONNECT = AsciiString.cached("CONNECT");

    private enum State { AWAITING_HEADERS, PENDING_DECISION, ANSWERED }

    private final WebTransportConnection connection;
    /** DATA frames that arrived before the acceptor decided, replayed to the session; bounded by capsule size. */
    private final Queue<Http3DataFrame> early = new ArrayDeque<>();
    private int earlyBytes;
    private boolean inputEnded;
    private State state = State.AWAITING_HEADERS;

    ServerRequestHandler(WebTransportConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.AWAITING_HEADERS && msg instanceof Http3HeadersFrame headersFrame) {
            PendingHeader.arrived(ctx.channel());
            if (connection.isBeyondGoAway(streamId(ctx))) {
                refuseBeyondGoAway(ctx);
                return;
            }
            connection.onRequestStream(streamId(ctx));
            awaitPeerSettings(ctx, headersFrame.headers());
            return;
        }
        if (state == State.PENDING_DECISION && msg instanceof Http3DataFrame data) {
            earlyBytes += data.content().readableBytes();
            early.add(data);
            if (earlyBytes > connection.endpoint().limits().maxCapsuleSize()) {
                connection.endpoint().counters().increment(EndpointCounters.LIMIT_CAPSULE_SIZE);
                connection.endpoint().peerLog().report(EndpointCounters.LIMIT_CAPSULE_SIZE, connection.remoteAddress(),
                        "request stream " + streamId(ctx) + ": " + earlyBytes
                                + " bytes before the session was accepted; closing");
                releaseEarly();
                ctx.close();
            }
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    /**
     * Which draft a request speaks depends on the client's SETTINGS, which may come after it (draft-16 section
     * 3.1 forbids processing it before them): the request waits, unread, for at most the handshake timeout.
     */
    private void awaitPeerSettings(ChannelHandlerContext ctx, Http3Headers headers) {
        Future<Http3Settings> settings = connection.peerSettings();
        if (settings.isDone()) {
            onRequest(ctx, headers, settings);
            return;
        }
        state = State.PENDING_DECISION;
        ctx.channel().config().setAutoRead(false);
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
            if (state == State.PENDING_DECISION && !settings.isDone()) {
                connection.endpoint().counters().increment(EndpointCounters.HANDSHAKE_TIMEOUTS);
                connection.endpoint().peerLog().report(EndpointCounters.HANDSHAKE_TIMEOUTS, connection.remoteAddress(),
                        "request stream " + streamId(ctx) + ": no SETTINGS from the client within "
                                + connection.endpoint().limits().handshakeTimeout().toMillis() + " ms: 503");
                answer(ctx, 503);
            }
        }, connection.endpoint().limits().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        settings.addListener(f -> {
            timeout.cancel(false);
            if (state == State.PENDING_DECISION && !ctx.isRemoved()) {
                onRequest(ctx, headers, settings);
            }
        });
    }

    private void onRequest(ChannelHandlerContext ctx, Http3Headers headers, Future<Http3Settings> settings) {
        if (!settings.isSuccess()) {
            ctx.close();
            return;
        }
        EndpointContext endpoint = connection.endpoint();
        EndpointCounters counters = endpoint.counters();
        String path = headers.path() == null ? "" : headers.path().toString();
        if (!CONNECT.contentEquals(headers.method()) || !Draft.isUpgradeToken(headers.protocol())) {
            counters.increment(EndpointCounters.REQUESTS_NOT_FOUND);
            LOG.debug("answered 404 to {} {} from {}", headers.method(), path, connection.remoteAddress());
            answer(ctx, 404);
            return;
        }
        SessionAcceptor acceptor = endpoint.route(path);
        if (acceptor == null) {
            counters.increment(EndpointCounters.REQUESTS_NOT_FOUND);
            counters.increment(EndpointCounters.SESSIONS_REFUSED);
            endpoint.peerLog().report(EndpointCounters.REQUESTS_NOT_FOUND, connection.remoteAddress(),
                    "refused session to unrouted path " + path + ": 404");
            answer(ctx, 404);
            return;
        }
        if (endpoint.isShuttingDown()) {
            counters.increment(EndpointCounters.SESSIONS_REFUSED);
            answer(ctx, 503);
            return;
        }
        SessionSlot slot = SessionSlot.reserve(connection);
        if (slot.outcome() == SessionSlot.Outcome.ENDPOINT_FULL) {
            refuseOverLimit(ctx, EndpointCounters.LIMIT_SESSIONS, path, "endpoint", endpoint.limits().maxSessions());
            return;
        }
        if (slot.outcome() == SessionSlot.Outcome.CONNECTION_FULL) {
            refuseOverLimit(ctx, EndpointCounters.LIMIT_SESSIONS_PER_CONNECTION, path, "connection",
                    endpoint.limits().maxSessionsPerConnection());
            return;
        }
        state = State.PENDING_DECISION;
        ctx.channel().config().setAutoRead(false);
        Draft draft = Draft.ofRequest(settings.getNow(), headers);
        PendingSessionRequest request = new PendingSessionRequest(ctx, connection, headers, draft, this, slot);
        try {
            acceptor.onRequest(request);
        } catch (RuntimeException e) {
            LOG.warn("acceptor for {} failed: {}", path, e.toString());
            request.reject(500);
        }
    }

    /** RFC 9114 section 5.2: a request our GOAWAY excluded is rejected unprocessed, so the client may retry elsewhere. */
    private void refuseBeyondGoAway(ChannelHandlerContext ctx) {
        state = State.ANSWERED;
        connection.endpoint().counters().increment(EndpointCounters.SESSIONS_REFUSED);
        connection.endpoint().peerLog().report("requests after GOAWAY", connection.remoteAddress(),
                "rejected request stream " + streamId(ctx) + " beyond our GOAWAY: H3_REQUEST_REJECTED");
        StreamShutdown.abort((QuicStreamChannel) ctx.channel(), Http3ErrorCode.H3_REQUEST_REJECTED.code(), true, true);
    }

    private void refuseOverLimit(ChannelHandlerContext ctx, String counter, String path, String scope, int limit) {
        EndpointCounters counters = connection.endpoint().counters();
        counters.increment(counter);
        counters.increment(EndpointCounters.SESSIONS_REFUSED);
        connection.endpoint().peerLog().report(counter, connection.remoteAddress(), "refused session to " + path
                + " on stream " + streamId(ctx) + ": " + scope + " session limit " + limit + " reached: 429");
        answer(ctx, 429);
    }

    void answer(ChannelHandlerContext ctx, int status) {
        answer(ctx, status, "");
    }

    /** The final answer {@code status}, with {@code explanation} as its plain-text body when not empty. */
    void answer(ChannelHandlerContext ctx, int status, String explanation) {
        state = State.ANSWERED;
        connection.settleSession(streamId(ctx));
        releaseEarly();
        Responses.finalStatus(ctx, status, explanation);
        ctx.channel().config().setAutoRead(true);
    }

    /** The acceptor accepted: the connect stream handler takes over, with what arrived meanwhile. */
    void handOver(ChannelHandlerContext ctx, ConnectStreamHandler next) {
        state = State.ANSWERED;
        ctx.pipeline().addAfter(ctx.name(), "wt-connect-stream", next);
        Http3DataFrame frame;
        while ((frame = early.poll()) != null) {
            ctx.fireChannelRead(frame);
        }
        if (inputEnded) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
        ctx.pipeline().remove(this);
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            inputEnded = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("request stream {} failed: {}", ctx.channel().id(), cause.toString());
        ctx.close();
    }

    private static long streamId(ChannelHandlerContext ctx) {
        return ((QuicStreamChannel) ctx.channel()).streamId();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        connection.settleSession(streamId(ctx));
        releaseEarly();
    }

    private void releaseEarly() {
        Http3DataFrame frame;
        while ((frame = early.poll()) != null) {
            frame.release();
        }
        earlyBytes = 0;
    }
}
