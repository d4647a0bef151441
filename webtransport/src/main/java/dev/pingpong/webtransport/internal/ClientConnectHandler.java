package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.codec.StructuredFieldStrings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

/**
 * Client side of the CONNECT stream until the answer: a 2xx establishes the session and hands the stream to
 * a {@link ConnectStreamHandler}; any other final status refuses it.
 */
final class ClientConnectHandler extends ChannelInboundHandlerAdapter {

    private final WebTransportConnection connection;
    private final String path;
    private final SessionListener listener;
    private final Promise<WebTransportSession> promise;

    ClientConnectHandler(WebTransportConnection connection, String path, SessionListener listener,
                         Promise<WebTransportSession> promise) {
        this.connection = connection;
        this.path = path;
        this.listener = listener;
        this.promise = promise;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http3HeadersFrame headersFrame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Http3Headers headers = headersFrame.headers();
        int status = parseStatus(headers.status());
        if (status >= 100 && status < 200) {
            return;
        }
        if (status < 200 || status > 299) {
            promise.tryFailure(new WebTransportException(WebTransportException.Kind.SESSION_REFUSED,
                    "server refused the session to " + path + " with status " + headers.status(), status, null));
            ctx.close();
            return;
        }
        if (promise.isDone()) {
            ctx.close();
            return;
        }
        SessionSlot slot = SessionSlot.reserve(connection);
        if (!slot.isReserved()) {
            promise.tryFailure(ClientSessionConnector.tooManySessions(connection.endpoint()));
            ctx.close();
            return;
        }
        String protocol = StructuredFieldStrings.parseString(headers.get("wt-protocol"));
        Session session = new Session(connection, (QuicStreamChannel) ctx.channel(), path, protocol, listener, slot);
        ctx.pipeline().replace(this, "wt-connect-stream", new ConnectStreamHandler(session, connection, ctx.alloc()));
        session.open();
        promise.trySuccess(session);
    }

    private static int parseStatus(CharSequence status) {
        try {
            return status == null ? 0 : Integer.parseInt(status.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        promise.tryFailure(new WebTransportException(WebTransportException.Kind.PROTOCOL,
                "CONNECT stream failed before the answer: " + cause, 0, cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        promise.tryFailure(new WebTransportException(WebTransportException.Kind.CONNECTION_CLOSED,
                "CONNECT stream closed before the server answered"));
        ctx.fireChannelInactive();
    }
}
