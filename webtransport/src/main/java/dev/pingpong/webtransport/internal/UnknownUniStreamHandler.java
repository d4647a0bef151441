package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * A unidirectional stream of a type we do not know (RFC 9114 6.2.3: ignore it): asks the peer to stop sending
 * and drops whatever arrives meanwhile.
 */
@ChannelHandler.Sharable
final class UnknownUniStreamHandler extends ChannelInboundHandlerAdapter {

    static final UnknownUniStreamHandler INSTANCE = new UnknownUniStreamHandler();

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        StreamShutdown.stopSending((QuicStreamChannel) ctx.channel(), Http3ErrorCode.H3_STREAM_CREATION_ERROR.code());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
