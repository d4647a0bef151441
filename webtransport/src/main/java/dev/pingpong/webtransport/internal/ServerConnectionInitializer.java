package dev.pingpong.webtransport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.quic.QuicChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** Sets up each accepted QUIC connection of a server, or refuses it once the server is shutting down. */
@ChannelHandler.Sharable
public final class ServerConnectionInitializer extends ChannelInitializer<QuicChannel> {

    /** QUIC transport error CONNECTION_REFUSED (RFC 9000, section 20.1). */
    private static final int CONNECTION_REFUSED = 0x2;
    private static final byte[] SHUTTING_DOWN = "server shutting down".getBytes(StandardCharsets.US_ASCII);

    private static final Logger LOG = LoggerFactory.getLogger(ServerConnectionInitializer.class);

    private final EndpointContext endpoint;
    private final ChannelGroup connections;

    public ServerConnectionInitializer(EndpointContext endpoint, ChannelGroup connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    @Override
    protected void initChannel(QuicChannel channel) {
        if (endpoint.isShuttingDown()) {
            // Said at once, so a client retries elsewhere instead of finishing a handshake with a server about to exit.
            endpoint.counters().increment(EndpointCounters.CONNECTIONS_REFUSED);
            LOG.info("refused connection from {}: server shutting down", channel.remoteSocketAddress());
            // After the Initial is processed: a connection closed before that goes away without a word.
            channel.eventLoop().execute(() -> channel.close(false, CONNECTION_REFUSED, Unpooled.wrappedBuffer(SHUTTING_DOWN)));
            return;
        }
        endpoint.counters().increment(EndpointCounters.CONNECTIONS_ACCEPTED);
        connections.add(channel);
        ConnectionPipeline.install(channel, endpoint);
    }
}
