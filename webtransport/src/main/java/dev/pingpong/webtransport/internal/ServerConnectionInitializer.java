package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.quic.QuicChannel;

/** Sets up each accepted QUIC connection of a server. */
@ChannelHandler.Sharable
public final class ServerConnectionInitializer extends ChannelInitializer<QuicChannel> {

    private final EndpointContext endpoint;
    private final ChannelGroup connections;

    public ServerConnectionInitializer(EndpointContext endpoint, ChannelGroup connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    @Override
    protected void initChannel(QuicChannel channel) {
        connections.add(channel);
        ConnectionPipeline.install(channel, endpoint);
    }
}
