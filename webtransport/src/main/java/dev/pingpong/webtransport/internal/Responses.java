package dev.pingpong.webtransport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.nio.charset.StandardCharsets;

/** HTTP/3 answers on a request stream. */
final class Responses {

    private Responses() {
    }

    /**
     * Answers {@code status} with {@code explanation} as a plain-text body (none when empty): headers, the body,
     * then FIN, then the stream closes.
     */
    static ChannelFuture finalStatus(ChannelHandlerContext ctx, int status, String explanation) {
        byte[] body = explanation.getBytes(StandardCharsets.UTF_8);
        Http3Headers headers = new DefaultHttp3Headers().status(Integer.toString(status))
                .add("content-length", Integer.toString(body.length));
        if (body.length > 0) {
            headers.add("content-type", "text/plain; charset=utf-8");
        }
        ChannelFuture written = ctx.write(new DefaultHttp3HeadersFrame(headers));
        if (body.length > 0) {
            written = ctx.write(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(body)));
        }
        ctx.flush();
        written.addListener(QuicStreamChannel.SHUTDOWN_OUTPUT).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return written;
    }
}
