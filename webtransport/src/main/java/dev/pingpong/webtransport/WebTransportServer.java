package dev.pingpong.webtransport;

import dev.pingpong.webtransport.internal.EndpointContext;
import dev.pingpong.webtransport.internal.Futures;
import dev.pingpong.webtransport.internal.GoAway;
import dev.pingpong.webtransport.internal.QuicTransport;
import dev.pingpong.webtransport.internal.RetryTokens;
import dev.pingpong.webtransport.internal.ServerConnectionInitializer;
import dev.pingpong.webtransport.internal.ServerSockets;
import dev.pingpong.webtransport.internal.UdpSockets;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A WebTransport server endpoint: HTTP/3 over QUIC on one or more UDP sockets. CONNECT requests with
 * {@code :protocol webtransport} on a routed path go to that path's {@link SessionAcceptor}; any other
 * request gets a real HTTP/3 answer (404).
 */
public final class WebTransportServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebTransportServer.class);
    private static final int DEFAULT_PORT = 4433;
    private static final String SHUTDOWN_REASON = "server shutting down";

    private final EndpointContext endpoint;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final List<Channel> sockets;
    private final UdpTransport transport;
    private final ChannelGroup connections;
    private final List<InetSocketAddress> localAddresses;
    private Promise<Void> released;

    private WebTransportServer(EndpointContext endpoint, EventLoopGroup group, boolean ownsGroup,
                               UdpTransport transport, List<Channel> sockets, ChannelGroup connections) {
        this.endpoint = endpoint;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.transport = transport;
        this.sockets = sockets;
        this.connections = connections;
        this.localAddresses = sockets.stream().map(c -> (InetSocketAddress) c.localAddress()).distinct().toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The transport of this server's sockets: {@link UdpTransport#NIO} when the native one could not load. */
    public UdpTransport transport() {
        return transport;
    }

    /** How many sockets, each on its own event loop where the group has enough, serve the addresses. */
    public int socketCount() {
        return sockets.size();
    }

    /** The addresses actually bound (real ports when 0 was asked for), each once however many sockets share it. */
    public List<InetSocketAddress> localAddresses() {
        return localAddresses;
    }

    public EndpointStats stats() {
        return endpoint.stats();
    }

    /**
     * Graceful stop: refuse new connections, send HTTP/3 GOAWAY on every connection (later requests on it are
     * rejected unprocessed) and WT_DRAIN_SESSION to every session, wait up to {@code grace} for the sessions to
     * end, then close what is left and release the sockets.
     */
    public Future<Void> shutdown(Duration grace) {
        endpoint.startShutdown();
        Promise<Void> done = GlobalEventExecutor.INSTANCE.newPromise();
        LOG.info("shutting down: GOAWAY on {} connection(s), draining {} session(s), grace {}", connections.size(),
                endpoint.openSessions().size(), grace);
        connections.forEach(GoAway::send);
        long deadline = System.nanoTime() + grace.toNanos();
        awaitSessionsEnded(deadline, done);
        return done;
    }

    private void awaitSessionsEnded(long deadline, Promise<Void> done) {
        if (endpoint.openSessions().isEmpty() || System.nanoTime() - deadline >= 0) {
            List<Future<Void>> closing = new ArrayList<>();
            for (WebTransportSession session : endpoint.openSessions()) {
                closing.add(session.close(0, SHUTDOWN_REASON));
            }
            Futures.allDone(closing).addListener(f -> releaseResources().addListener(r -> done.trySuccess(null)));
            return;
        }
        GlobalEventExecutor.INSTANCE.schedule(() -> awaitSessionsEnded(deadline, done), 20, TimeUnit.MILLISECONDS);
    }

    /** Closes connections, then sockets, then owned event loops; once, however often asked. */
    private synchronized Future<Void> releaseResources() {
        if (released != null) {
            return released;
        }
        released = GlobalEventExecutor.INSTANCE.newPromise();
        connections.close().addListener(c -> {
            Futures.allDone(sockets.stream().map(Channel::close).toList()).addListener(s -> {
                if (ownsGroup) {
                    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).addListener(g -> released.trySuccess(null));
                } else {
                    released.trySuccess(null);
                }
            });
        });
        return released;
    }

    /** Immediate stop: closes every connection and releases the sockets. */
    @Override
    public void close() {
        endpoint.startShutdown();
        Futures.awaitUnlessOn(group, releaseResources(), 5000);
    }

    public static final class Builder {
        private final List<InetSocketAddress> bind = new ArrayList<>();
        private final Map<String, SessionAcceptor> routes = new LinkedHashMap<>();
        private Integer port;
        private QuicSslContext sslContext;
        private Limits limits = Limits.DEFAULT;
        private boolean requireAddressValidation;
        private EventLoopGroup group;
        private int eventLoops = Runtime.getRuntime().availableProcessors();
        private boolean nativeTransport = true;

        private Builder() {
        }

        /**
         * Adds a UDP address to bind. With none, binds {@link #port} on {@code [::]}, which on a dual-stack host also
         * serves IPv4 (a separate {@code 0.0.0.0} socket on the same port would collide with it), or on
         * {@code 0.0.0.0} where IPv6 is unavailable.
         */
        public Builder bind(InetSocketAddress address) {
            bind.add(address);
            return this;
        }

        /**
         * The UDP port of the default bind on all addresses (4433 unless set; 0 picks a free one). Only for that
         * default: an address given to {@link #bind} carries its own port, and setting both is refused.
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("not a UDP port: " + value);
            }
            this.port = value;
            return this;
        }

        /** Server TLS context (ALPN h3); its key manager may be swapped later for certificate rotation. */
        public Builder sslContext(QuicSslContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder route(String path, SessionAcceptor acceptor) {
            routes.put(path, acceptor);
            return this;
        }

        public Builder limits(Limits value) {
            this.limits = value;
            return this;
        }

        /**
         * With true, every new connection first proves it owns its address: a QUIC Retry with an HMAC token bound to
         * the client's address and connection id, which costs it one round trip. Off by default; a token that comes
         * anyway is checked either way.
         */
        public Builder requireAddressValidation(boolean value) {
            this.requireAddressValidation = value;
            return this;
        }

        /**
         * Event loops to run on; by default the server makes and owns its own. Their kind decides the transport:
         * a group of epoll loops gets native sockets, any other NIO ones.
         */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = value;
            return this;
        }

        /**
         * How many event loops the connections are spread over (default: the available processors): on the
         * native transport, as many SO_REUSEPORT sockets per address, each connection staying on one of them. NIO
         * has one socket, so one loop, per address.
         */
        public Builder eventLoops(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("eventLoops must be at least 1: " + value);
            }
            this.eventLoops = value;
            return this;
        }

        /**
         * Whether to use Linux's native epoll transport where it loads (the default); false keeps to NIO. Only for
         * the server's own event loops: a group given to {@link #eventLoopGroup} decides by its kind.
         */
        public Builder nativeTransport(boolean value) {
            this.nativeTransport = value;
            return this;
        }

        /** Binds every address and returns once the server is serving. */
        public WebTransportServer start() throws InterruptedException {
            if (sslContext == null) {
                throw new IllegalStateException("sslContext is required");
            }
            if (port != null && !bind.isEmpty()) {
                throw new IllegalStateException("port is for the default bind; the bind addresses " + bind
                        + " carry their own");
            }
            EndpointContext endpoint = new EndpointContext(true, limits, routes);
            boolean ownsGroup = group == null;
            UdpTransport transport = ownsGroup ? UdpSockets.preferred(nativeTransport) : UdpSockets.of(group);
            int perAddress = transport == UdpTransport.EPOLL ? eventLoops : 1;
            EventLoopGroup loops = ownsGroup ? UdpSockets.newGroup(transport,
                    Math.max(1, bind.size()) * perAddress, "webtransport-server") : group;
            ChannelGroup connections = new DefaultChannelGroup("webtransport-connections", GlobalEventExecutor.INSTANCE);
            RetryTokens tokens = new RetryTokens(requireAddressValidation, endpoint);
            Supplier<QuicServerCodecBuilder> codecs = () -> QuicTransport.configure(Http3.newQuicServerCodecBuilder(), limits)
                    .sslContext(sslContext)
                    .tokenHandler(tokens)
                    .handler(new ServerConnectionInitializer(endpoint, connections));
            ServerSockets binder = new ServerSockets(transport, loops, perAddress, codecs, endpoint);
            List<Channel> sockets = new ArrayList<>();
            try {
                if (bind.isEmpty()) {
                    sockets.addAll(bindDefault(binder, port == null ? DEFAULT_PORT : port));
                } else {
                    for (InetSocketAddress address : bind) {
                        sockets.addAll(binder.bind(address));
                    }
                }
            } catch (Throwable e) {
                // Throwable: Netty rethrows a socket's checked exception (BindException) undeclared.
                sockets.forEach(Channel::close);
                if (ownsGroup) {
                    loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
                }
                throw e;
            }
            WebTransportServer server = new WebTransportServer(endpoint, loops, ownsGroup, transport, sockets, connections);
            LOG.info("WebTransport server listening on {} for paths {}, {} transport, {} event loops per address",
                    server.localAddresses(), routes.keySet(), transport, perAddress);
            return server;
        }

        private static List<Channel> bindDefault(ServerSockets binder, int port) throws InterruptedException {
            try {
                return binder.bind(new InetSocketAddress("::", port));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // Exception: Netty rethrows the socket's checked exception undeclared.
                LOG.info("IPv6 unavailable ({}); binding 0.0.0.0 only", e.toString());
                return binder.bind(new InetSocketAddress("0.0.0.0", port));
            }
        }
    }
}
