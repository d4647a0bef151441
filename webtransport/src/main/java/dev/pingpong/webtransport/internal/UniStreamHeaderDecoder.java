package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.QuicVarint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.util.List;

/**
 * Installed by Netty's HTTP/3 codec on a unidirectional stream of type 0x54, after the type: reads the
 * session id and hands the stream to the session.
 */
final class UniStreamHeaderDecoder extends ByteToMessageDecoder {

    private final WebTransportConnection connection;

    UniStreamHeaderDecoder(WebTransportConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        long sessionId = QuicVarint.read(in);
        if (sessionId == QuicVarint.INCOMPLETE) {
            return;
        }
        connection.onPeerStream((QuicStreamChannel) ctx.channel(), false, sessionId);
        ctx.pipeline().remove(this);
    }
}
