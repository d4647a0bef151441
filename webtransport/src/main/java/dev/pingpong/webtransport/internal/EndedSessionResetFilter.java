package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First in every WebTransport stream's pipeline: once the session has ended, the peer resetting its streams
 * is expected (Chromium resets the streams a page never accepted), so such a reset closes the stream quietly
 * instead of reaching the application as an error.
 */
final class EndedSessionResetFilter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(EndedSessionResetFilter.class);

    private final Session session;

    EndedSessionResetFilter(Session session) {
        this.session = session;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof QuicStreamResetException && !session.isOpen()) {
            LOG.debug("stream {} of ended session {} reset by peer", ((QuicStreamChannel) ctx.channel()).streamId(),
                    session.id());
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
