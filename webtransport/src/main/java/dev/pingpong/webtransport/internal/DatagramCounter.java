package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Ahead of the QUIC codec on a server socket: counts every UDP datagram, and those that cannot be QUIC at all (RFC
 * 9000, 17): no fixed bit, connection ids longer than 20 bytes, a long header cut short, or an Initial in a datagram
 * under 1200 bytes. quiche drops those without a word. Garbage that looks like QUIC is dropped by quiche too, and is
 * only seen in the difference to what connections receive.
 */
@ChannelHandler.Sharable
final class DatagramCounter extends ChannelInboundHandlerAdapter {

    private static final int MAX_CONNECTION_ID_LENGTH = 20;
    private static final int MIN_INITIAL_DATAGRAM = 1200;
    private static final int LONG_HEADER = 0x80;
    private static final int FIXED_BIT = 0x40;
    private static final int INITIAL = 0;

    private final EndpointCounters counters;

    DatagramCounter(EndpointCounters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet) {
            counters.increment(EndpointCounters.UDP_DATAGRAMS_RECEIVED);
            if (!couldBeQuic(packet.content())) {
                counters.increment(EndpointCounters.UDP_DATAGRAMS_MALFORMED);
            }
        }
        ctx.fireChannelRead(msg);
    }

    static boolean couldBeQuic(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length == 0) {
            return false;
        }
        int first = datagram.getUnsignedByte(start);
        if ((first & FIXED_BIT) == 0) {
            return false;
        }
        if ((first & LONG_HEADER) == 0) {
            return true;
        }
        // Long header: first byte, version (4), DCID length (1) and DCID, SCID length (1) and SCID.
        int dcidLengthAt = start + 5;
        if (length < 6) {
            return false;
        }
        int dcidLength = datagram.getUnsignedByte(dcidLengthAt);
        int scidLengthAt = dcidLengthAt + 1 + dcidLength;
        if (dcidLength > MAX_CONNECTION_ID_LENGTH || scidLengthAt >= start + length) {
            return false;
        }
        int scidLength = datagram.getUnsignedByte(scidLengthAt);
        if (scidLength > MAX_CONNECTION_ID_LENGTH || scidLengthAt + scidLength >= start + length) {
            return false;
        }
        boolean initial = (first >> 4 & 0x3) == INITIAL && datagram.getInt(start + 1) != 0;
        return !initial || length >= MIN_INITIAL_DATAGRAM;
    }
}
