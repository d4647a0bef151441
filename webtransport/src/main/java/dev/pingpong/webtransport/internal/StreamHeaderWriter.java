package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.StreamHeaders;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

/** On a stream we open: writes the WebTransport header as the stream becomes active, then steps aside. */
final class StreamHeaderWriter extends ChannelInboundHandlerAdapter {

    private final long sessionId;

    StreamHeaderWriter(long sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        ctx.writeAndFlush(StreamHeaders.encode(ctx.alloc(), stream.type() == QuicStreamType.BIDIRECTIONAL, sessionId));
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}
