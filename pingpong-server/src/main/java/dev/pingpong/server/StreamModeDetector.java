package dev.pingpong.server;

import dev.pingpong.protocol.TextPings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First on a ping stream: its first byte tells binary frames from seed text mode ({@code p}). Puts the
 * matching answerer in its place and hands it the bytes.
 */
final class StreamModeDetector extends ChannelInboundHandlerAdapter {

    private final PingStreams streams;

    StreamModeDetector(PingStreams streams) {
        this.streams = streams;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf first = (ByteBuf) msg;
        if (!first.isReadable()) {
            first.release();
            return;
        }
        boolean text = TextPings.startsText(first.getByte(first.readerIndex()));
        streams.installAnswerer(ctx.pipeline(), text);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(first);
    }
}
