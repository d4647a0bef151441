package dev.pingpong.server;

import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;

/**
 * Last of the ping handlers: ends the stream. A clean end of the peer's input gets a FIN after the last pong;
 * bad input aborts this one stream (both ways) with the kind's application error code. Anything else goes on
 * to the library's handler, which logs and closes.
 */
final class StreamEnder extends ChannelInboundHandlerAdapter {

    private final WebTransportStream stream;
    private final BadInputReporter reporter;
    private boolean rejected;

    StreamEnder(WebTransportStream stream, BadInputReporter reporter) {
        this.stream = stream;
        this.reporter = reporter;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE && !rejected) {
            stream.finish();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProtocolException bad = protocolException(cause);
        if (bad == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (rejected) {
            return;
        }
        rejected = true;
        // Pongs of the good frames before the bad one go out first. Aborted, so closed at once: a peer that had
        // already sent its FIN sends nothing more, and the stream must not keep its slot in the session.
        ctx.flush();
        reporter.rejectStream(stream, bad);
    }

    private static ProtocolException protocolException(Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof ProtocolException bad) {
            return bad;
        }
        return cause instanceof ProtocolException bad ? bad : null;
    }
}
