package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicDatagramExtensionEvent;

/** On the QUIC connection: routes received datagrams to their session and learns the datagram size. */
final class DatagramHandler extends ChannelInboundHandlerAdapter {

    private final WebTransportConnection connection;

    DatagramHandler(WebTransportConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf datagram) {
            connection.onDatagram(datagram);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof QuicDatagramExtensionEvent datagrams) {
            connection.onMaxDatagramLength(datagrams.maxLength());
        }
        ctx.fireUserEventTriggered(evt);
    }
}
