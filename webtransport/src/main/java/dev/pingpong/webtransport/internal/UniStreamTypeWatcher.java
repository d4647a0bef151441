package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.StreamHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First on a peer's unidirectional stream: watches its type varint go by, byte by byte since a peer may send it in
 * pieces, and passes every byte on untouched to Netty's HTTP/3 handler, which reads the type itself. HTTP/3's own
 * stream types complete the header; a WebTransport stream still owes its session id ({@link UniStreamHeaderDecoder}).
 */
final class UniStreamTypeWatcher extends ChannelInboundHandlerAdapter {

    private int length;
    private int seen;
    private long type;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        for (int i = bytes.readerIndex(); i < bytes.writerIndex() && (seen == 0 || seen < length); i++) {
            int b = bytes.getUnsignedByte(i);
            if (seen == 0) {
                length = 1 << (b >> 6);
                type = b & 0x3f;
            } else {
                type = type << 8 | b;
            }
            seen++;
        }
        if (seen > 0 && seen == length) {
            if (type != StreamHeaders.UNI_STREAM_TYPE) {
                PendingHeader.arrived(ctx.channel());
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
