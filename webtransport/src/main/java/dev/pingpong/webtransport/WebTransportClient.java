package dev.pingpong.webtransport;

import dev.pingpong.webtransport.internal.ClientSessionConnector;
import dev.pingpong.webtransport.internal.ClientSockets;
import dev.pingpong.webtransport.internal.EndpointContext;
import dev.pingpong.webtransport.internal.Futures;
import dev.pingpong.webtransport.internal.QuicTransport;
import dev.pingpong.webtransport.internal.UdpSockets;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A WebTransport client endpoint. Each {@link #connect} makes a QUIC connection, sends the extended CONNECT
 * (with the headers Chromium sends) and yields the session once the server answered 2xx. Connections share
 * one UDP socket per address family.
 */
public final class WebTransportClient implements AutoCloseable {

    private final EndpointContext endpoint;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final UdpTransport transport;
    private final ClientSockets sockets;

    private WebTransportClient(EndpointContext endpoint, EventLoopGroup group, boolean ownsGroup,
                               UdpTransport transport, ClientSockets sockets) {
        this.endpoint = endpoint;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.transport = transport;
        this.sockets = sockets;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session to {@code https://host:port/path}. Fails with {@link WebTransportException} telling
     * refusal (status), TLS, timeout or lack of support apart. Never blocks: the host is resolved and the socket
     * bound in the background, so this may be called from any thread, event loops included. Listeners of the
     * returned future run on the session's event loop.
     */
    public Future<WebTransportSession> connect(URI uri, ConnectOptions options, SessionListener listener) {
        return ClientSessionConnector.connect(endpoint, sockets, uri, options, listener);
    }

    /** The transport of this client's sockets: {@link UdpTransport#NIO} when the native one could not load. */
    public UdpTransport transport() {
        return transport;
    }

    /**
     * The event loop every socket, connection, session and listener callback of this client runs on: work a caller
     * schedules here per session never hops threads. To spread sessions over several cores, use several clients.
     */
    public EventLoop eventLoop() {
        return sockets.loop();
    }

    public EndpointStats stats() {
        return endpoint.stats();
    }

    /**
     * Closes every connection of this client and releases its socket and event loops (if owned), waiting a few
     * seconds for that; called on one of the client's event loops it does not wait.
     */
    @Override
    public void close() {
        List<ChannelFuture> open = sockets.close();
        List<Future<Void>> closing = new ArrayList<>();
        for (WebTransportSession session : endpoint.openSessions()) {
            closing.add(session.close(0, "client closing"));
        }
        Futures.awaitUnlessOn(group, Futures.allDone(closing), 1000);
        for (ChannelFuture socket : open) {
            Futures.awaitUnlessOn(group, socket.channel().close(), 2000);
        }
        if (ownsGroup) {
            Futures.awaitUnlessOn(group, group.shutdownGracefully(0, 1, TimeUnit.SECONDS), 3000);
        }
    }

    public static final class Builder {
        private QuicSslContext sslContext;
        private Limits limits = Limits.DEFAULT;
        private EventLoopGroup group;
        private boolean nativeTransport = true;

        private Builder() {
        }

        /** Client TLS context (ALPN h3): trust, pinning, or client certificate. */
        public Builder sslContext(QuicSslContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder limits(Limits value) {
            this.limits = value;
            return this;
        }

        /**
         * Event loops to run on (the client uses one of them); by default the client makes and owns one. Their kind
         * decides the transport: epoll loops get native sockets, any other NIO ones.
         */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = value;
            return this;
        }

        /**
         * Whether to use Linux's native epoll transport where it loads (the default); false keeps to NIO. Only for
         * the client's own event loop: a group given to {@link #eventLoopGroup} decides by its kind.
         */
        public Builder nativeTransport(boolean value) {
            this.nativeTransport = value;
            return this;
        }

        public WebTransportClient build() {
            if (sslContext == null) {
                throw new IllegalStateException("sslContext is required");
            }
            QuicSslContext tls = sslContext;
            boolean ownsGroup = group == null;
            UdpTransport transport = ownsGroup ? UdpSockets.preferred(nativeTransport) : UdpSockets.of(group);
            QuicClientCodecBuilder codec = QuicTransport.configure(Http3.newQuicClientCodecBuilder(), limits)
                    .sslEngineProvider(channel -> {
                        InetSocketAddress peer = channel.attr(ClientSessionConnector.PEER).get();
                        return peer == null ? tls.newEngine(channel.alloc())
                                : tls.newEngine(channel.alloc(), peer.getHostString(), peer.getPort());
                    });
            EventLoopGroup loops = ownsGroup ? UdpSockets.newGroup(transport, 1, "webtransport-client") : group;
            return new WebTransportClient(new EndpointContext(false, limits, Map.of()), loops, ownsGroup, transport,
                    new ClientSockets(transport, loops.next(), codec::build));
        }
    }
}
