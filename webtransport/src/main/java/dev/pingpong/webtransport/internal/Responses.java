package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicStreamChannel;

/** HTTP/3 answers on a request stream. */
final class Responses {

    private Responses() {
    }

    /** Answers {@code status} with an empty body: headers, then FIN, then the stream closes. */
    static ChannelFuture finalStatus(ChannelHandlerContext ctx, int status) {
        Http3Headers headers = new DefaultHttp3Headers().status(Integer.toString(status)).add("content-length", "0");
        ChannelFuture written = ctx.writeAndFlush(new DefaultHttp3HeadersFrame(headers));
        written.addListener(QuicStreamChannel.SHUTDOWN_OUTPUT).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return written;
    }
}
