package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.WebTransportException.Kind;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.codec.StructuredFieldStrings;
import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicClosedChannelException;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicConnectionStats;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One client CONNECT, step by step: resolving the host and binding the socket of its address family, QUIC
 * handshake, the server's SETTINGS, the extended CONNECT, its answer. Each step that fails names its cause as a
 * {@link WebTransportException.Kind}. The QUIC connection carries this one session and closes when it ends.
 */
public final class ClientSessionConnector {

    /** The host name the TLS engine of a new connection presents as SNI and verifies. */
    public static final AttributeKey<InetSocketAddress> PEER = AttributeKey.valueOf(ClientSessionConnector.class,
            "peer");

    private static final Logger LOG = LoggerFactory.getLogger(ClientSessionConnector.class);

    private final EndpointContext endpoint;
    private final URI uri;
    private final ConnectOptions options;
    private final SessionListener listener;
    private final Promise<WebTransportSession> promise;
    private final String path;
    /** Set on the event loop as the connection comes into being. */
    private QuicChannel quicChannel;
    private Phase phase = Phase.RESOLVE;

    /** The steps of a connect, in order. */
    private enum Phase { RESOLVE, HANDSHAKE, SETTINGS, CONNECT }

    private ClientSessionConnector(EndpointContext endpoint, URI uri, ConnectOptions options, SessionListener listener,
                                   Promise<WebTransportSession> promise) {
        this.endpoint = endpoint;
        this.uri = uri;
        this.options = options;
        this.listener = listener;
        this.promise = promise;
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.path = uri.getRawQuery() == null ? rawPath : rawPath + "?" + uri.getRawQuery();
    }

    /**
     * Opens a session to {@code uri} over {@code sockets}, never blocking the caller; completes once, with the
     * session or a {@link WebTransportException}, on the sockets' event loop.
     *
     * @throws IllegalArgumentException when {@code uri} is not an {@code https://host[:port]/path} URI
     */
    public static Future<WebTransportSession> connect(EndpointContext endpoint, ClientSockets sockets, URI uri,
                                                      ConnectOptions options, SessionListener listener) {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an https://host[:port]/path URI: " + uri);
        }
        if (sockets.isClosed()) {
            return GlobalEventExecutor.INSTANCE.newFailedFuture(new WebTransportException(Kind.CONNECTION_CLOSED,
                    "cannot reach " + uri + ": client is closed"));
        }
        ClientSessionConnector connector = begin(endpoint, sockets.loop(), uri, options, listener);
        if (!connector.promise.isDone()) {
            connector.resolveAndBind(sockets);
        }
        return connector.promise;
    }

    /** Starts the clock: the timeout runs from here, through resolving and binding. */
    private static ClientSessionConnector begin(EndpointContext endpoint, EventLoop loop, URI uri,
                                                ConnectOptions options, SessionListener listener) {
        ClientSessionConnector connector = new ClientSessionConnector(endpoint, uri, options, listener,
                loop.newPromise());
        if (endpoint.counters().openSessions() >= endpoint.limits().maxSessions()) {
            connector.promise.tryFailure(tooManySessions(endpoint));
            return connector;
        }
        ScheduledFuture<?> timeout = loop.schedule(connector::onTimeout, options.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
        connector.promise.addListener(f -> {
            timeout.cancel(false);
            if (!f.isSuccess() && connector.quicChannel != null) {
                connector.quicChannel.close();
            }
        });
        return connector;
    }

    /** The host to resolve and to check the certificate against: an IPv6 literal without its URI brackets. */
    private static String bareHost(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** Resolves the host off the event loop, then binds (or reuses) the socket of its address family. */
    private void resolveAndBind(ClientSockets sockets) {
        String host = bareHost(uri);
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        sockets.resolve(host).addListener(resolved -> sockets.loop().execute(() -> {
            if (!resolved.isSuccess()) {
                fail(sockets.isClosed() ? "client closed" : "cannot resolve " + host, resolved.cause());
                return;
            }
            InetAddress address = (InetAddress) resolved.getNow();
            ChannelFuture socket;
            try {
                socket = sockets.socketFor(address);
            } catch (IllegalStateException e) {
                fail("client closed", e);
                return;
            }
            socket.addListener(bound -> {
                if (bound.isSuccess()) {
                    start(socket.channel(), new InetSocketAddress(address, port));
                } else {
                    fail("cannot bind a UDP socket", bound.cause());
                }
            });
        }));
    }

    /** The host could not be resolved or no socket bound: the connect ends before any packet. */
    private void fail(String what, Throwable cause) {
        promise.tryFailure(new WebTransportException(Kind.CONNECTION_CLOSED, "cannot reach " + uri + ": " + what
                + ": " + cause, 0, cause));
    }

    /** The server sent GOAWAY before our CONNECT was processed: it goes away, a new connection may find another. */
    WebTransportException goingAway() {
        return new WebTransportException(Kind.CONNECTION_CLOSED, "server " + uri.getAuthority()
                + " is going away (HTTP/3 GOAWAY); connect again");
    }

    static WebTransportException tooManySessions(EndpointContext endpoint) {
        return new WebTransportException(Kind.SESSION_REFUSED, "client session limit "
                + endpoint.limits().maxSessions() + " reached", 429, null);
    }

    /** Goes on with the QUIC handshake over {@code socket} to {@code remote}; call on the socket's event loop. */
    private void start(Channel socket, InetSocketAddress remote) {
        if (promise.isDone()) {
            return;
        }
        phase = Phase.HANDSHAKE;
        ChannelHandler initializer = new ChannelInitializer<QuicChannel>() {
            @Override
            protected void initChannel(QuicChannel channel) {
                quicChannel = channel;
                ConnectionPipeline.install(channel, endpoint);
            }
        };
        Future<QuicChannel> connected = QuicChannel.newBootstrap(socket)
                .option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR, UdpSockets.segmentedSends(socket))
                .handler(initializer)
                .attr(PEER, InetSocketAddress.createUnresolved(bareHost(uri), remote.getPort()))
                .remoteAddress(remote)
                .connect();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(handshakeFailure(f.cause()));
                return;
            }
            phase = Phase.SETTINGS;
            QuicChannel channel = connected.getNow();
            WebTransportConnection.of(channel).peerSettings().addListener(s -> onPeerSettings(channel, s));
        });
    }

    /**
     * Time is up. Which step was reached tells a server that answered but stalled (a client certificate refused
     * without an alert, or a server exiting mid-handshake) from one that never answered. Neither is final: a
     * refusal our server makes comes as a certificate alert, which fails the connect as {@code TLS} at once.
     */
    private void onTimeout() {
        if (promise.isDone()) {
            return;
        }
        if (phase == Phase.RESOLVE) {
            failTimeout("host name not resolved or no socket bound");
            return;
        }
        if (phase == Phase.CONNECT || quicChannel == null) {
            failTimeout("no answer to the CONNECT");
            return;
        }
        quicChannel.collectStats().addListener(stats -> {
            boolean serverAnswered = stats.isSuccess() && ((QuicConnectionStats) stats.getNow()).recv() > 0;
            if (!serverAnswered) {
                failTimeout("no answer from the server");
            } else if (promise.tryFailure(new WebTransportException(Kind.TIMEOUT, "server " + uri.getAuthority()
                    + (phase == Phase.HANDSHAKE ? " answered but did not complete the TLS handshake"
                    : " sent no HTTP/3 SETTINGS after the TLS handshake")
                    + " within " + options.timeout() + " (client certificate refused, or the server went away?)"))) {
                LOG.info("connect to {}: TLS handshake stalled in phase {}", uri, phase);
            }
        });
    }

    private void failTimeout(String what) {
        if (promise.tryFailure(new WebTransportException(Kind.TIMEOUT, "no session with " + uri + " within "
                + options.timeout() + ": " + what))) {
            LOG.info("connect to {} timed out after {} ({})", uri, options.timeout(), what);
        }
    }

    private void onPeerSettings(QuicChannel channel, Future<?> settings) {
        if (!settings.isSuccess()) {
            promise.tryFailure(closedBeforeSettings(settings.cause()));
            return;
        }
        Optional<String> missing = WebTransportSettings.missingForWebTransport((Http3Settings) settings.getNow());
        if (missing.isPresent()) {
            promise.tryFailure(new WebTransportException(Kind.NOT_SUPPORTED, uri.getAuthority() + ": "
                    + missing.get()));
            return;
        }
        phase = Phase.CONNECT;
        WebTransportConnection connection = WebTransportConnection.of(channel);
        if (connection.isPeerGoingAway()) {
            promise.tryFailure(goingAway());
            return;
        }
        Draft draft = Draft.newestAnnounced((Http3Settings) settings.getNow()).orElseThrow();
        Http3.newRequestStream(channel, new ClientConnectHandler(connection, path, draft, options.protocols(), listener,
                        promise))
                .addListener(s -> {
                    if (!s.isSuccess()) {
                        promise.tryFailure(new WebTransportException(Kind.CONNECTION_CLOSED,
                                "cannot open the CONNECT stream: " + s.cause(), 0, s.cause()));
                        return;
                    }
                    QuicStreamChannel stream = (QuicStreamChannel) s.getNow();
                    connection.expectSession(stream.streamId());
                    // Netty refuses to write a request once the server's GOAWAY has arrived.
                    stream.writeAndFlush(new DefaultHttp3HeadersFrame(requestHeaders(draft))).addListener(w -> {
                        if (!w.isSuccess()) {
                            promise.tryFailure(connection.isPeerGoingAway() ? goingAway()
                                    : new WebTransportException(Kind.CONNECTION_CLOSED, "cannot send the CONNECT: "
                                            + w.cause(), 0, w.cause()));
                        }
                    });
                    promise.addListener(p -> {
                        if (p.isSuccess()) {
                            // The connection lives as long as its session's CONNECT stream.
                            stream.closeFuture().addListener(c -> channel.close(true,
                                    Http3ErrorCode.H3_NO_ERROR.code(), Unpooled.EMPTY_BUFFER));
                        }
                    });
                });
    }

    /** The extended CONNECT in {@code draft}'s syntax: its upgrade token, and the draft-02 header before draft-16. */
    private Http3Headers requestHeaders(Draft draft) {
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        Http3Headers headers = new DefaultHttp3Headers()
                .method("CONNECT")
                .protocol(draft.upgradeToken())
                .scheme("https")
                // URI.getHost() keeps an IPv6 literal's brackets, as :authority wants them
                .authority(uri.getHost() + ":" + port)
                .path(path);
        if (draft != Draft.DRAFT_16) {
            headers.add(Draft.DRAFT02_REQUEST_HEADER, "1");
        }
        if (options.origin() != null) {
            headers.add("origin", options.origin());
        }
        if (!options.protocols().isEmpty()) {
            headers.add(SubprotocolHeaders.OFFERED, StructuredFieldStrings.serializeList(options.protocols()));
        }
        for (Map.Entry<String, String> header : options.headers().entrySet()) {
            headers.add(header.getKey().toLowerCase(java.util.Locale.ROOT), header.getValue());
        }
        return headers;
    }

    private WebTransportException handshakeFailure(Throwable cause) {
        int alert = cause instanceof QuicClosedChannelException closed ? TlsAlerts.alertOf(closed.event()) : -1;
        if (TlsAlerts.isCertificateAlert(alert)) {
            return clientCertificateRefused(alert, cause);
        }
        if (cause instanceof SSLException || alert >= 0) {
            return new WebTransportException(Kind.TLS, "TLS handshake with " + uri.getAuthority() + " failed: "
                    + (alert >= 0 ? TlsAlerts.describe(alert) : cause.getMessage()), 0, cause);
        }
        return new WebTransportException(Kind.CONNECTION_CLOSED, "QUIC connection to " + uri.getAuthority()
                + " failed: " + cause, 0, cause);
    }

    /**
     * Under TLS 1.3 the client completes its handshake before the server has checked the client certificate;
     * a TLS alert closing the connection before the server's SETTINGS is the server refusing that certificate,
     * whichever alert it picked (a certificate check failing in Netty's Java trust manager gives internal_error).
     */
    private WebTransportException closedBeforeSettings(Throwable cause) {
        QuicConnectionCloseEvent event = cause instanceof ConnectionLifecycleHandler.ConnectionClosedException closed
                ? closed.event() : null;
        int alert = TlsAlerts.alertOf(event);
        if (alert >= 0) {
            return clientCertificateRefused(alert, cause);
        }
        String without = event == null ? " without a reason (client certificate refused, or the server went away?)" : "";
        return new WebTransportException(Kind.CONNECTION_CLOSED, "server " + uri.getAuthority()
                + " closed the connection after the TLS handshake" + without + ": " + cause.getMessage(), 0, cause);
    }

    private WebTransportException clientCertificateRefused(int alert, Throwable cause) {
        LOG.info("connect to {}: the server refused our client certificate ({})", uri, TlsAlerts.describe(alert));
        return new WebTransportException(Kind.TLS, "the server refused our client certificate: " + uri.getAuthority()
                + " closed the connection with " + TlsAlerts.describe(alert) + " in phase "
                + phase.name().toLowerCase(java.util.Locale.ROOT), 0, cause);
    }
}
