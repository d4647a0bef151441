package dev.pingpong.webtransport;

import dev.pingpong.webtransport.internal.ClientSessionConnector;
import dev.pingpong.webtransport.internal.EndpointContext;
import dev.pingpong.webtransport.internal.Futures;
import dev.pingpong.webtransport.internal.QuicTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** One QUIC codec per UDP socket: a codec is bound to its socket. */
    private final Supplier<ChannelHandler> codecs;
    private final Map<Class<?>, Channel> sockets = new HashMap<>();
    private boolean closed;

    private WebTransportClient(EndpointContext endpoint, EventLoopGroup group, boolean ownsGroup,
                               Supplier<ChannelHandler> codecs) {
        this.endpoint = endpoint;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.codecs = codecs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session to {@code https://host:port/path}. Fails with {@link WebTransportException} telling
     * refusal (status), TLS, timeout or lack of support apart.
     */
    public Future<WebTransportSession> connect(URI uri, ConnectOptions options, SessionListener listener) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an https://host[:port]/path URI: " + uri);
        }
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 443 : uri.getPort());
        Channel socket;
        try {
            socket = socketFor(remote);
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return GlobalEventExecutor.INSTANCE.newFailedFuture(new WebTransportException(
                    WebTransportException.Kind.CONNECTION_CLOSED, "cannot reach " + uri + ": " + e, 0, e));
        }
        return ClientSessionConnector.connect(endpoint, socket, remote, uri, options, listener);
    }

    private synchronized Channel socketFor(InetSocketAddress remote) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve " + remote.getHostString());
        }
        Class<?> family = remote.getAddress().getClass();
        Channel socket = sockets.get(family);
        if (socket == null || !socket.isActive()) {
            String wildcard = remote.getAddress() instanceof Inet6Address ? "::" : "0.0.0.0";
            socket = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codecs.get())
                    .bind(new InetSocketAddress(wildcard, 0)).sync().channel();
            sockets.put(family, socket);
        }
        return socket;
    }

    public EndpointStats stats() {
        return endpoint.counters();
    }

    /** Closes every connection of this client and releases its socket and event loops (if owned). */
    @Override
    public void close() {
        List<Channel> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(sockets.values());
            sockets.clear();
        }
        List<Future<Void>> closing = new ArrayList<>();
        for (WebTransportSession session : endpoint.sessions()) {
            closing.add(session.close(0, "client closing"));
        }
        Futures.allDone(closing).awaitUninterruptibly(1, TimeUnit.SECONDS);
        for (Channel socket : open) {
            socket.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    public static final class Builder {
        private QuicSslContext sslContext;
        private Limits limits = Limits.DEFAULT;
        private EventLoopGroup group;

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

        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = value;
            return this;
        }

        public WebTransportClient build() {
            if (sslContext == null) {
                throw new IllegalStateException("sslContext is required");
            }
            QuicSslContext tls = sslContext;
            QuicClientCodecBuilder codec = QuicTransport.configure(Http3.newQuicClientCodecBuilder(), limits)
                    .sslEngineProvider(channel -> {
                        InetSocketAddress peer = channel.attr(ClientSessionConnector.PEER).get();
                        return peer == null ? tls.newEngine(channel.alloc())
                                : tls.newEngine(channel.alloc(), peer.getHostString(), peer.getPort());
                    });
            boolean ownsGroup = group == null;
            EventLoopGroup loops = ownsGroup ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : group;
            return new WebTransportClient(new EndpointContext(false, limits, Map.of()), loops, ownsGroup,
                    codec::build);
        }
    }
}
