package dev.pingpong.server;

import dev.pingpong.protocol.TextPings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

import java.util.List;
import java.util.function.Supplier;

/**
 * First on a ping stream: its first byte tells binary frames from seed text mode ({@code p}). Puts the handlers
 * of the matching answerer in its place, in order, and hands them the bytes.
 */
final class StreamModeDetector extends ChannelInboundHandlerAdapter {

    private final Supplier<List<ChannelHandler>> frameAnswerer;
    private final Supplier<List<ChannelHandler>> textAnswerer;

    /** Each factory makes a new set of handlers for one stream. */
    StreamModeDetector(Supplier<List<ChannelHandler>> frameAnswerer, Supplier<List<ChannelHandler>> textAnswerer) {
        this.frameAnswerer = frameAnswerer;
        this.textAnswerer = textAnswerer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf first = (ByteBuf) msg;
        if (!first.isReadable()) {
            first.release();
            return;
        }
        boolean text = TextPings.startsText(first.getByte(first.readerIndex()));
        List<ChannelHandler> answerer = (text ? textAnswerer : frameAnswerer).get();
        ChannelPipeline pipeline = ctx.pipeline();
        // Each goes right behind the detector, so adding them last to first keeps their order.
        for (int i = answerer.size() - 1; i >= 0; i--) {
            pipeline.addAfter(ctx.name(), null, answerer.get(i));
        }
        pipeline.remove(this);
        ctx.fireChannelRead(first);
    }
}
