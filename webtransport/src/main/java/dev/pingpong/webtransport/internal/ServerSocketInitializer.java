package dev.pingpong.webtransport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;

/** A server's UDP socket: what arrives is counted ({@link DatagramCounter}), then goes to its QUIC codec. */
public final class ServerSocketInitializer extends ChannelInitializer<Channel> {

    private final ChannelHandler quicCodec;
    private final EndpointCounters counters;

    public ServerSocketInitializer(ChannelHandler quicCodec, EndpointCounters counters) {
        this.quicCodec = quicCodec;
        this.counters = counters;
    }

    @Override
    protected void initChannel(Channel socket) {
        socket.pipeline().addLast(new DatagramCounter(counters), quicCodec);
    }
}
