package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3ConnectionHandler;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

/**
 * Sits on the QUIC connection ahead of the HTTP/3 connection handler. Every peer-opened stream first counts as
 * awaiting its header ({@link PendingHeader}), or is reset when too many do. A bidirectional one gets a
 * {@link BidiStreamHeaderDecoder} first, since Netty would read a WebTransport stream's signal as an HTTP/3 frame
 * type; a unidirectional one a {@link UniStreamTypeWatcher}. On a client, where HTTP/3 forbids server-opened bidi
 * streams and Netty's handler closes the connection over one, such streams skip the HTTP/3 handler altogether.
 */
final class StreamDetector extends ChannelInboundHandlerAdapter {

    private final WebTransportConnection connection;

    StreamDetector(WebTransportConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof QuicStreamChannel stream && !stream.isLocalCreated()) {
            if (!PendingHeader.admit(connection, stream)) {
                return;
            }
            if (stream.type() == QuicStreamType.UNIDIRECTIONAL) {
                stream.pipeline().addFirst(new UniStreamTypeWatcher());
            } else {
                boolean server = connection.endpoint().isServer();
                stream.pipeline().addFirst(new BidiStreamHeaderDecoder(connection, server));
                if (!server) {
                    ctx.pipeline().context(Http3ConnectionHandler.class).fireChannelRead(msg);
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }
}
