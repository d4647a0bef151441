package dev.pingpong.webtransport;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.util.concurrent.Future;

import java.net.URI;

/**
 * A WebTransport client endpoint. Each {@link #connect} makes a QUIC connection, sends the extended CONNECT
 * (with the headers Chromium sends) and yields the session once the server answered 2xx.
 */
public final class WebTransportClient implements AutoCloseable {

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a session to {@code https://host:port/path}. Fails with {@link WebTransportException} telling
     * refusal (status), TLS, timeout or lack of support apart.
     */
    public Future<WebTransportSession> connect(URI uri, ConnectOptions options, SessionListener listener) {
        throw new UnsupportedOperationException("not yet");
    }

    public EndpointStats stats() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Closes every connection of this client and releases its socket and event loops (if owned). */
    @Override
    public void close() {
        throw new UnsupportedOperationException("not yet");
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
            throw new UnsupportedOperationException("not yet");
        }
    }
}
