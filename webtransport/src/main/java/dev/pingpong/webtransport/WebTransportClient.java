package dev.pingpong.webtransport;

import dev.pingpong.webtransport.internal.ClientSessionConnector;
import dev.pingpong.webtransport.internal.EndpointContext;
import dev.pingpong.webtransport.internal.Futures;
import dev.pingpong.webtransport.internal.QuicTransport;
import dev.pingpong.webtransport.internal.UdpSockets;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
    /** The event loop of every socket, connection and session of this client. */
    private final EventLoop loop;
    /** Name resolution may block, so it runs on its own thread, never on an event loop or the caller's. */
    private final EventExecutor resolverThread = new DefaultEventExecutor(
            new DefaultThreadFactory("webtransport-client-resolver", true));
    /** One QUIC codec per UDP socket: a codec is bound to its socket. */
    private final Supplier<ChannelHandler> codecs;
    /** The socket of each address family, bound or being bound. */
    private final Map<Class<?>, ChannelFuture> sockets = new HashMap<>();
    private boolean closed;

    private WebTransportClient(EndpointContext endpoint, EventLoopGroup group, boolean ownsGroup,
                               UdpTransport transport, Supplier<ChannelHandler> codecs) {
        this.endpoint = endpoint;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.transport = transport;
        this.loop = group.next();
        this.codecs = codecs;
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
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an https://host[:port]/path URI: " + uri);
        }
        if (isClosed()) {
            return GlobalEventExecutor.INSTANCE.newFailedFuture(new WebTransportException(
                    WebTransportException.Kind.CONNECTION_CLOSED, "cannot reach " + uri + ": client is closed"));
        }
        ClientSessionConnector connector = ClientSessionConnector.begin(endpoint, loop, uri, options, listener);
        if (connector.future().isDone()) {
            return connector.future();
        }
        String host = ClientSessionConnector.bareHost(uri);
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        Future<InetAddress> resolving;
        try {
            resolving = resolverThread.submit(() -> InetAddress.getByName(host));
        } catch (RejectedExecutionException e) {
            connector.fail("client closed", e);
            return connector.future();
        }
        resolving.addListener(resolved -> loop.execute(() -> {
            if (!resolved.isSuccess()) {
                connector.fail("cannot resolve " + host, resolved.cause());
                return;
            }
            InetAddress address = (InetAddress) resolved.getNow();
            ChannelFuture socket;
            try {
                socket = socketFor(address);
            } catch (IllegalStateException e) {
                connector.fail("client closed", e);
                return;
            }
            socket.addListener(bound -> {
                if (bound.isSuccess()) {
                    connector.start(socket.channel(), new InetSocketAddress(address, port));
                } else {
                    connector.fail("cannot bind a UDP socket", bound.cause());
                }
            });
        }));
        return connector.future();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The socket for {@code address}'s family, binding one (without waiting) where there is none. */
    private synchronized ChannelFuture socketFor(InetAddress address) {
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        Class<?> family = address.getClass();
        ChannelFuture socket = sockets.get(family);
        if (socket == null || socket.isDone() && !socket.channel().isActive()) {
            String wildcard = address instanceof Inet6Address ? "::" : "0.0.0.0";
            socket = UdpSockets.bootstrap(transport, loop).handler(codecs.get())
                    .bind(new InetSocketAddress(wildcard, 0));
            sockets.put(family, socket);
        }
        return socket;
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
        return loop;
    }

    public EndpointStats stats() {
        return endpoint.counters();
    }

    /**
     * Closes every connection of this client and releases its socket and event loops (if owned), waiting a few
     * seconds for that; called on one of the client's event loops it does not wait.
     */
    @Override
    public void close() {
        List<ChannelFuture> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(sockets.values());
            sockets.clear();
        }
        List<Future<Void>> closing = new ArrayList<>();
        for (WebTransportSession session : endpoint.sessions()) {
            closing.add(session.close(0, "client closing"));
        }
        Futures.awaitUnlessOn(group, Futures.allDone(closing), 1000);
        for (ChannelFuture socket : open) {
            Futures.awaitUnlessOn(group, socket.channel().close(), 2000);
        }
        resolverThread.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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
                    codec::build);
        }
    }
}
