package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportErrorCodes;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.codec.StructuredFieldStrings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Client side of the CONNECT stream until the answer: a 2xx establishes the session and hands the stream to
 * a {@link ConnectStreamHandler}; any other final status refuses it, with the server's plain-text explanation
 * when the answer announces one (its first {@value #MAX_EXPLANATION_BYTES} bytes, read until the stream ends).
 */
final class ClientConnectHandler extends ChannelInboundHandlerAdapter {

    static final int MAX_EXPLANATION_BYTES = 1024;

    private final WebTransportConnection connection;
    private final String path;
    private final Draft draft;
    private final List<String> offeredProtocols;
    private final SessionListener listener;
    private final Promise<WebTransportSession> promise;
    /** Set once a refusal with a body arrived: the status, waiting for the explanation. */
    private int refusedStatus;
    private ByteBuf explanation;

    ClientConnectHandler(WebTransportConnection connection, String path, Draft draft, List<String> offeredProtocols,
                         SessionListener listener, Promise<WebTransportSession> promise) {
        this.connection = connection;
        this.path = path;
        this.draft = draft;
        this.offeredProtocols = offeredProtocols;
        this.listener = listener;
        this.promise = promise;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (explanation != null && msg instanceof Http3DataFrame data) {
            ByteBuf content = data.content();
            explanation.writeBytes(content, Math.min(content.readableBytes(), explanation.maxWritableBytes()));
            data.release();
            if (!explanation.isWritable()) {
                refuse(ctx);
            }
            return;
        }
        if (!(msg instanceof Http3HeadersFrame headersFrame) || explanation != null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Http3Headers headers = headersFrame.headers();
        int status = number(headers.status());
        if (status >= 100 && status < 200) {
            return;
        }
        if (status < 200 || status > 299) {
            refusedStatus = status;
            int announced = number(headers.get("content-length"));
            if (announced > 0) {
                explanation = ctx.alloc().buffer(Math.min(announced, MAX_EXPLANATION_BYTES),
                        Math.min(announced, MAX_EXPLANATION_BYTES));
            } else {
                refuse(ctx);
            }
            return;
        }
        if (promise.isDone()) {
            ctx.close();
            return;
        }
        String protocol = chosenProtocol(headers);
        if (protocol != null && !offeredProtocols.contains(protocol)) {
            promise.tryFailure(new WebTransportException(WebTransportException.Kind.PROTOCOL, "server chose subprotocol "
                    + protocol + ", which we did not offer " + offeredProtocols + "; session closed with WT_ALPN_ERROR"));
            StreamShutdown.abort((QuicStreamChannel) ctx.channel(), WebTransportErrorCodes.WT_ALPN_ERROR, true, true);
            return;
        }
        SessionSlot slot = SessionSlot.reserve(connection);
        if (!slot.isReserved()) {
            promise.tryFailure(ClientSessionConnector.tooManySessions(connection.endpoint()));
            ctx.close();
            return;
        }
        Session session = new Session(connection, (QuicStreamChannel) ctx.channel(), path, protocol, draft, listener,
                slot);
        ctx.pipeline().replace(this, "wt-connect-stream", new ConnectStreamHandler(session, connection, ctx.alloc()));
        session.open();
        promise.trySuccess(session);
    }

    /** The answer's {@code wt-protocol}; null when absent, or malformed and so ignored (draft-16 section 3.3). */
    private String chosenProtocol(Http3Headers headers) {
        try {
            return StructuredFieldStrings.parseItem(headers.get(SubprotocolHeaders.CHOSEN));
        } catch (IllegalArgumentException e) {
            connection.endpoint().peerLog().report("ignored wt-protocol", connection.remoteAddress(),
                    "ignored the answer's wt-protocol: " + e.getMessage());
            return null;
        }
    }

    /** Fails the connect with the refusal and what the server said about it, then closes the stream. */
    private void refuse(ChannelHandlerContext ctx) {
        String said = "";
        if (explanation != null) {
            said = explanation.toString(StandardCharsets.UTF_8).strip();
            explanation.release();
            explanation = null;
        }
        promise.tryFailure(new WebTransportException(WebTransportException.Kind.SESSION_REFUSED,
                "server refused the session to " + path + " with status " + refusedStatus
                        + (said.isEmpty() ? "" : ": " + said), refusedStatus, null));
        ctx.close();
    }

    /** A header's number; 0 when absent or not a number. */
    private static int number(CharSequence value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent && explanation != null) {
            refuse(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A server going away rejects requests its GOAWAY excluded (H3_REQUEST_REJECTED): not a protocol error.
        promise.tryFailure(connection.isPeerGoingAway()
                ? new WebTransportException(WebTransportException.Kind.CONNECTION_CLOSED,
                        "server is going away (HTTP/3 GOAWAY) and did not process the CONNECT: " + cause, 0, cause)
                : new WebTransportException(WebTransportException.Kind.PROTOCOL,
                        "CONNECT stream failed before the answer: " + cause, 0, cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (explanation != null) {
            refuse(ctx);
        }
        promise.tryFailure(new WebTransportException(WebTransportException.Kind.CONNECTION_CLOSED,
                "CONNECT stream closed before the server answered"));
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (explanation != null) {
            explanation.release();
            explanation = null;
        }
    }
}
