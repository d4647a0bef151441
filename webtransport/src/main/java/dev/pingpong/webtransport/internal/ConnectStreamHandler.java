package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.Capsule;
import dev.pingpong.webtransport.codec.CapsuleDecoder;
import dev.pingpong.webtransport.codec.CapsuleTooLargeException;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.util.ReferenceCountUtil;


/**
 * The established CONNECT stream of a session: DATA frames carry capsules to the session; its FIN, reset or
 * closure end the session.
 */
final class ConnectStreamHandler extends ChannelInboundHandlerAdapter {

    private final Session session;
    private final WebTransportConnection connection;
    private final CapsuleDecoder capsules;

    ConnectStreamHandler(Session session, WebTransportConnection connection, ByteBufAllocator alloc) {
        this.session = session;
        this.connection = connection;
        int maxCapsuleSize = connection.endpoint().limits().maxCapsuleSize();
        this.capsules = new CapsuleDecoder(maxCapsuleSize,
                type -> type == Capsule.CLOSE_WEBTRANSPORT_SESSION || type == Capsule.DRAIN_WEBTRANSPORT_SESSION
                        || Capsule.isFlowControl(type),
                alloc);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http3DataFrame data)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!session.isOpen()) {
            data.release();
            return;
        }
        try {
            capsules.decode(data.content(), session::onCapsule);
        } catch (CapsuleTooLargeException e) {
            capsules.release();
            session.onCapsuleTooLarge(e);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (capsules.isMidCapsule() && session.isOpen()) {
                session.onProtocolError("CONNECT stream ended inside a capsule");
            } else {
                session.onConnectStreamFinished();
            }
            capsules.release();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.onConnectStreamFailed(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        capsules.release();
        Throwable connectionCause = connection.closeCause();
        session.onConnectStreamFailed(connectionCause != null ? connectionCause
                : new ConnectionLifecycleHandler.ConnectionClosedException("CONNECT stream closed", null));
        ctx.fireChannelInactive();
    }
}
