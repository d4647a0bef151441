package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Turns each whole PING frame into its PONG in place and passes it on to be written back. */
final class FrameAnswerer extends ChannelInboundHandlerAdapter {

    private final ServerMetrics metrics;

    FrameAnswerer(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            Frames.turnPingIntoPong(frame);
        } catch (ProtocolException e) {
            frame.release();
            throw e;
        }
        metrics.answered(ServerMetrics.Mode.STREAM, 1);
        ctx.fireChannelRead(frame);
    }
}
