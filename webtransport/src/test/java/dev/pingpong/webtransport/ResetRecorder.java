package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamResetException;

import java.util.concurrent.CompletableFuture;

/** On a raw stream: drops what arrives and completes with the peer's reset code, or -1 on any other end. */
public final class ResetRecorder extends ChannelInboundHandlerAdapter {

    public final CompletableFuture<Long> code = new CompletableFuture<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ((ByteBuf) msg).release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        code.complete(cause instanceof QuicStreamResetException reset ? reset.applicationProtocolCode() : -1L);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        code.complete(-1L);
    }
}
