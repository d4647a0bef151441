package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Turns the whole PING frames of one buffer into their PONGs in place and passes the buffer on to be written back
 * at once. A frame that is not a PING fails the stream (it is being reset): the PONGs before it still go out, what
 * follows it and later reads are dropped.
 */
final class FrameAnswerer extends ChannelInboundHandlerAdapter {

    private final ServerMetrics metrics;
    private boolean failed;

    FrameAnswerer(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frames = (ByteBuf) msg;
        if (failed) {
            frames.release();
            return;
        }
        int start = frames.readerIndex();
        int answered = 0;
        try {
            while (frames.isReadable()) {
                Frames.turnPingIntoPong(frames);
                frames.skipBytes(Frames.frameLength(Frames.payloadLength(frames)));
                answered++;
            }
        } catch (ProtocolException e) {
            failed = true;
            frames.writerIndex(frames.readerIndex());
            pass(ctx, frames, start, answered);
            throw e;
        }
        pass(ctx, frames, start, answered);
    }

    private void pass(ChannelHandlerContext ctx, ByteBuf frames, int start, int answered) {
        frames.readerIndex(start);
        if (answered == 0) {
            frames.release();
            return;
        }
        metrics.answered(ServerMetrics.Mode.STREAM, answered);
        ctx.fireChannelRead(frames);
    }
}
