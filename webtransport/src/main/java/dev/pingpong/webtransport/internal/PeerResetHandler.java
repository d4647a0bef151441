package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in a peer stream's pipeline: a reset the application left unhandled is routine (browsers reset the
 * streams a page never accepted when a session closes), so it is logged at debug and the stream closed.
 */
@ChannelHandler.Sharable
final class PeerResetHandler extends ChannelInboundHandlerAdapter {

    static final PeerResetHandler INSTANCE = new PeerResetHandler();

    private static final Logger LOG = LoggerFactory.getLogger(PeerResetHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        long streamId = ((QuicStreamChannel) ctx.channel()).streamId();
        if (cause instanceof QuicStreamResetException reset) {
            LOG.debug("stream {} reset by peer with code 0x{}", streamId,
                    Long.toHexString(reset.applicationProtocolCode()));
        } else {
            LOG.info("stream {} failed: {}", streamId, cause.toString());
        }
        ctx.close();
    }
}
