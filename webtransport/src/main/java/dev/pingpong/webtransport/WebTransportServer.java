package dev.pingpong.webtransport;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WebTransport server endpoint: HTTP/3 over QUIC on one or more UDP sockets. CONNECT requests with
 * {@code :protocol webtransport} on a routed path go to that path's {@link SessionAcceptor}; any other
 * request gets a real HTTP/3 answer (404).
 */
public final class WebTransportServer implements AutoCloseable {

    public static Builder builder() {
        return new Builder();
    }

    /** The addresses actually bound (real ports when 0 was asked for). */
    public List<InetSocketAddress> localAddresses() {
        throw new UnsupportedOperationException("not yet");
    }

    public EndpointStats stats() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Graceful stop: refuse new connections and sessions, send WT_DRAIN_SESSION to every session, wait up to
     * {@code grace} for them to end, then close what is left and release the sockets.
     */
    public Future<Void> shutdown(Duration grace) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Immediate stop: closes every connection and releases the sockets. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet");
    }

    public static final class Builder {
        private final List<InetSocketAddress> bind = new ArrayList<>();
        private final Map<String, SessionAcceptor> routes = new LinkedHashMap<>();
        private QuicSslContext sslContext;
        private Limits limits = Limits.DEFAULT;
        private EventLoopGroup group;

        private Builder() {
        }

        /** Adds a UDP address to bind; with none, binds 0.0.0.0 and [::] on port 4433. */
        public Builder bind(InetSocketAddress address) {
            bind.add(address);
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

        /** Event loops to run on; by default the server makes and owns its own. */
        public Builder eventLoopGroup(EventLoopGroup value) {
            this.group = value;
            return this;
        }

        /** Binds every address and returns once the server is serving. */
        public WebTransportServer start() throws InterruptedException {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
