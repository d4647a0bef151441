package dev.pingpong.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Writes answers back on the stream they came from, one flush per read batch. A peer that does not read its
 * pongs makes the stream unwritable; reading then stops until it drains, so the server buffers at most one
 * batch per stream (plus QUIC's flow-control window) for a slow reader.
 */
final class PongWriter extends ChannelInboundHandlerAdapter {

    private final ServerMetrics metrics;
    private boolean pendingFlush;

    PongWriter(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg, ctx.voidPromise());
        pendingFlush = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
        Channel channel = ctx.channel();
        if (!channel.isWritable() && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
            metrics.streamPauses.increment();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            flush(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void flush(ChannelHandlerContext ctx) {
        if (pendingFlush) {
            pendingFlush = false;
            ctx.flush();
        }
    }
}
