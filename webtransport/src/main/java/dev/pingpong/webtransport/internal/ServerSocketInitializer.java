package dev.pingpong.webtransport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;

/**
 * A server's UDP socket: what arrives is counted ({@link DatagramCounter}), then goes to its QUIC handler: the
 * {@link ServerSockets} dispatcher, which installs a codec per socket and hands each packet to the socket owning its
 * connection.
 */
public final class ServerSocketInitializer extends ChannelInitializer<Channel> {

    private final ChannelHandler quic;
    private final EndpointCounters counters;

    public ServerSocketInitializer(ChannelHandler quic, EndpointCounters counters) {
        this.quic = quic;
        this.counters = counters;
    }

    @Override
    protected void initChannel(Channel socket) {
        socket.pipeline().addLast(new DatagramCounter(counters), quic);
    }
}
