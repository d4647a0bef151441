package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Last on a peer stream whose session is not established yet: stops reading, so the rest stays under QUIC flow
 * control with the peer, and keeps what already came (the bytes behind the stream header, a FIN) until
 * {@link EarlyArrivals} delivers the stream to its session or refuses it.
 */
final class HeldStream extends ChannelInboundHandlerAdapter {

    private final EarlyArrivals arrivals;
    private final long sessionId;
    private final QuicStreamChannel stream;
    private final boolean bidirectional;
    private final Queue<Object> received = new ArrayDeque<>();
    private ChannelHandlerContext ctx;

    HeldStream(EarlyArrivals arrivals, long sessionId, QuicStreamChannel stream, boolean bidirectional) {
        this.arrivals = arrivals;
        this.sessionId = sessionId;
        this.stream = stream;
        this.bidirectional = bidirectional;
    }

    QuicStreamChannel stream() {
        return stream;
    }

    boolean isBidirectional() {
        return bidirectional;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        stream.config().setAutoRead(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent || evt == ChannelInputShutdownReadComplete.INSTANCE) {
            received.add(evt);
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        arrivals.forget(sessionId, this);
        discard();
        ctx.fireChannelInactive();
    }

    /**
     * The session took the stream: what was kept goes to the handlers the application added behind this one,
     * and reading resumes.
     */
    void deliver() {
        boolean unfinishedRead = false;
        Object msg;
        while ((msg = received.poll()) != null) {
            if (msg instanceof ChannelInputShutdownEvent || msg == ChannelInputShutdownReadComplete.INSTANCE) {
                if (unfinishedRead) {
                    ctx.fireChannelReadComplete();
                    unfinishedRead = false;
                }
                ctx.fireUserEventTriggered(msg);
            } else {
                ctx.fireChannelRead(msg);
                unfinishedRead = true;
            }
        }
        if (unfinishedRead) {
            ctx.fireChannelReadComplete();
        }
        ctx.pipeline().remove(this);
        stream.config().setAutoRead(true);
    }

    /** The stream will not be read: what was kept is released. */
    void discard() {
        Object msg;
        while ((msg = received.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        discard();
    }
}
