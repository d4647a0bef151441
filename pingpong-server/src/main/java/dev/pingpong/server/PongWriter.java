package dev.pingpong.server;

import dev.pingpong.webtransport.SessionCreditEvent;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Writes answers back on the stream they came from, one flush per read batch. A peer that does not read its
 * pongs makes the stream unwritable; reading then stops until it drains, so the server buffers at most one
 * batch per stream (plus QUIC's flow-control window) for a slow reader. Pongs that wait for the peer's session
 * credit (draft-16 flow control) stop reading the same way, until the credit comes.
 */
final class PongWriter extends ChannelInboundHandlerAdapter {

    private final ServerMetrics metrics;
    private boolean pendingFlush;
    private boolean waitingForCredit;

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
        if (!canWrite(channel) && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
            metrics.streamPauses.increment();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        resumeIfWritable(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }

    private boolean canWrite(Channel channel) {
        return channel.isWritable() && !waitingForCredit;
    }

    private void resumeIfWritable(Channel channel) {
        if (canWrite(channel)) {
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            flush(ctx);
        } else if (evt == SessionCreditEvent.EXHAUSTED) {
            waitingForCredit = true;
        } else if (evt == SessionCreditEvent.RESTORED) {
            waitingForCredit = false;
            resumeIfWritable(ctx.channel());
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
