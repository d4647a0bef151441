package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.StreamHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.util.List;

/**
 * First on a peer-opened bidirectional stream: peeks the first varint. The WebTransport signal (0x41) plus a
 * session id make it a WebTransport stream: the HTTP/3 handlers behind are removed and the raw stream goes to
 * the session. Anything else is an HTTP/3 request (server) and this decoder steps aside, or, on a client, a
 * stream HTTP/3 does not allow, which is refused.
 */
final class BidiStreamHeaderDecoder extends ByteToMessageDecoder {

    private final WebTransportConnection connection;
    private final boolean server;

    BidiStreamHeaderDecoder(WebTransportConnection connection, boolean server) {
        this.connection = connection;
        this.server = server;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        long sessionId = StreamHeaders.readBidiSessionId(in);
        if (sessionId == StreamHeaders.INCOMPLETE) {
            return;
        }
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        if (sessionId == StreamHeaders.NOT_WEBTRANSPORT) {
            if (!server) {
                connection.endpoint().peerLog().report("refused non-WebTransport bidi streams",
                        connection.remoteAddress(), "refused server-opened bidi stream " + stream.streamId()
                                + " that is no WebTransport stream");
                in.skipBytes(in.readableBytes());
                WebTransportConnection.refuseStream(stream, true, Http3ErrorCode.H3_STREAM_CREATION_ERROR.code());
            }
            ctx.pipeline().remove(this);
            return;
        }
        removeHandlersBehind(ctx);
        connection.onPeerStream(stream, true, sessionId);
        ctx.pipeline().remove(this);
    }

    private static void removeHandlersBehind(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        List<String> names = pipeline.names();
        for (int i = names.indexOf(ctx.name()) + 1; i < names.size(); i++) {
            if (pipeline.context(names.get(i)) != null) {
                pipeline.remove(names.get(i));
            }
        }
    }
}
