package dev.pingpong.server;

import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.protocol.TextPings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/** Seed text mode: rewrites each {@code ping} into {@code pong} in the received buffer and passes it on. */
final class TextAnswerer extends ChannelInboundHandlerAdapter {

    private final TextPings text = new TextPings();
    private final ServerMetrics metrics;
    private boolean failed;

    TextAnswerer(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        if (failed) {
            bytes.release();
            return;
        }
        int answered;
        try {
            answered = text.turnPingsIntoPongs(bytes);
        } catch (ProtocolException e) {
            failed = true;
            bytes.release();
            throw e;
        }
        metrics.answered(ServerMetrics.Mode.TEXT, answered);
        ctx.fireChannelRead(bytes);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE && !failed) {
            try {
                text.checkEnd();
            } catch (ProtocolException e) {
                failed = true;
                ctx.fireExceptionCaught(e);
            }
        }
        ctx.fireUserEventTriggered(evt);
    }
}
