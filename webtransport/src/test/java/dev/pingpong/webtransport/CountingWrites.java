package dev.pingpong.webtransport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** First in a test pipeline: counts the writes and flushes that would reach the transport, and passes them on. */
public final class CountingWrites extends ChannelOutboundHandlerAdapter {

    private int writes;
    private int flushes;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writes++;
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        flushes++;
        ctx.flush();
    }

    public int writes() {
        return writes;
    }

    public int flushes() {
        return flushes;
    }
}
