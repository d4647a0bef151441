package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * A server-side test listener that echoes: bidi stream data back on the same stream, uni stream data on a new
 * uni stream (at its end), datagrams as datagrams.
 */
class EchoListener implements SessionListener {

    @Override
    public void onStream(WebTransportSession session, WebTransportStream stream) {
        if (stream.isBidirectional()) {
            stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ctx.writeAndFlush(msg);
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof ChannelInputShutdownEvent) {
                        stream.finish();
                    }
                }
            });
        } else {
            ByteBuf collected = stream.channel().alloc().buffer();
            stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf data = (ByteBuf) msg;
                    collected.writeBytes(data);
                    data.release();
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    if (evt instanceof ChannelInputShutdownEvent) {
                        session.openUnidirectionalStream().addListener(f -> {
                            if (!f.isSuccess()) {
                                collected.release();
                                return;
                            }
                            WebTransportStream reply = (WebTransportStream) f.getNow();
                            reply.channel().writeAndFlush(collected);
                            reply.finish();
                        });
                    }
                }
            });
        }
    }

    @Override
    public void onDatagram(WebTransportSession session, ByteBuf payload) {
        session.sendDatagram(payload);
    }
}
