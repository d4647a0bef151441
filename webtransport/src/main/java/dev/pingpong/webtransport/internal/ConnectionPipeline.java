package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.StreamHeaders;
import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.http3.Http3SettingsFrame;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.util.function.LongFunction;

/**
 * The handlers of a WebTransport QUIC connection, in order: datagram flushes, stream detection, datagrams, Netty's HTTP/3
 * connection handler (with our SETTINGS, our handler for the peer's, and WebTransport uni streams), lifecycle.
 */
final class ConnectionPipeline {

    private ConnectionPipeline() {
    }

    static WebTransportConnection install(QuicChannel channel, EndpointContext endpoint) {
        WebTransportConnection connection = WebTransportConnection.attach(channel, endpoint);
        LongFunction<ChannelHandler> uniStreams = type -> type == StreamHeaders.UNI_STREAM_TYPE
                ? new UniStreamHeaderDecoder(connection) : UnknownUniStreamHandler.INSTANCE;
        Http3SettingsFrame settings = WebTransportSettings.local(endpoint.isServer(),
                endpoint.limits().maxSessionsPerConnection());
        SessionFlowControl.advertised(endpoint.limits()).putInto(settings.settings());
        ChannelHandler http3 = endpoint.isServer()
                ? new Http3ServerConnectionHandler(new RequestStreamInitializer(connection),
                        new PeerControlHandler(connection), uniStreams, settings, true, WebTransportSettings.ACCEPT_ALL)
                : new Http3ClientConnectionHandler(new PeerControlHandler(connection), null, uniStreams, settings,
                        true, WebTransportSettings.ACCEPT_ALL);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(DatagramFlushes.newHandler(endpoint.limits().maxQueuedDatagrams()));
        pipeline.addLast(new StreamDetector(connection));
        pipeline.addLast(new DatagramHandler(connection));
        pipeline.addLast(http3);
        pipeline.addLast(new ConnectionLifecycleHandler(connection));
        return connection;
    }

    /**
     * Server side: each HTTP/3 request stream gets a {@link ServerRequestHandler}, behind the codec Netty put
     * there already.
     */
    private static final class RequestStreamInitializer extends ChannelInitializer<QuicStreamChannel> {

        private final WebTransportConnection connection;

        RequestStreamInitializer(WebTransportConnection connection) {
            this.connection = connection;
        }

        @Override
        protected void initChannel(QuicStreamChannel stream) {
            stream.pipeline().addLast(new ServerRequestHandler(connection));
        }
    }
}
