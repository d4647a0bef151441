package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Turns each whole PING frame into its PONG in place and passes it on to be written back. After a frame that is
 * not a PING the stream is being reset: frames still in the same read are dropped.
 */
final class FrameAnswerer extends ChannelInboundHandlerAdapter {

    private final ServerMetrics metrics;
    private boolean failed;

    FrameAnswerer(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        if (failed) {
            frame.release();
            return;
        }
        try {
            Frames.turnPingIntoPong(frame);
        } catch (ProtocolException e) {
            failed = true;
            frame.release();
            throw e;
        }
        metrics.answered(ServerMetrics.Mode.STREAM, 1);
        ctx.fireChannelRead(frame);
    }
}
