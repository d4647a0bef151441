package dev.pingpong.webtransport;

import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.DefaultHttp3SettingsFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.http3.Http3Settings;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Netty's own HTTP/3 client, for requests and streams our WebTransport client would not send: what a hostile peer
 * writes is up to the test.
 */
public final class RawHttp3Client implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final QuicChannel connection;
    private final CompletableFuture<QuicConnectionCloseEvent> closedByServer = new CompletableFuture<>();

    RawHttp3Client(int port) throws Exception {
        this(new InetSocketAddress("127.0.0.1", port), LoopbackTls.client());
    }

    /** Connects to {@code server}, trusting what {@code tls} trusts. */
    public RawHttp3Client(InetSocketAddress server, QuicSslContext tls) throws Exception {
        this(server, tls, new Http3ClientConnectionHandler());
    }

    /** Connects to the loopback {@code port} sending {@code settings}: a client of whichever draft they announce. */
    RawHttp3Client(int port, Http3Settings settings) throws Exception {
        this(new InetSocketAddress("127.0.0.1", port), LoopbackTls.client(), new Http3ClientConnectionHandler(null,
                null, null, new DefaultHttp3SettingsFrame(settings), true, WebTransportSettings.ACCEPT_ALL));
    }

    private RawHttp3Client(InetSocketAddress server, QuicSslContext tls, Http3ClientConnectionHandler http3)
            throws Exception {
        int port = server.getPort();
        Channel socket = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(Http3.newQuicClientCodecBuilder()
                        .sslEngineProvider(q -> tls.newEngine(q.alloc(), server.getHostString(), port))
                        .maxIdleTimeout(5, TimeUnit.SECONDS)
                        .initialMaxData(1 << 20)
                        .initialMaxStreamDataBidirectionalLocal(1 << 20)
                        .datagram(16, 16)
                        .build())
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        connection = QuicChannel.newBootstrap(socket)
                .handler(http3)
                .remoteAddress(server)
                .connect().get(5, TimeUnit.SECONDS);
        connection.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof QuicConnectionCloseEvent close) {
                    closedByServer.complete(close);
                }
                ctx.fireUserEventTriggered(evt);
            }
        });
    }

    /** Completes with the server's CONNECTION_CLOSE. */
    CompletableFuture<QuicConnectionCloseEvent> closedByServer() {
        return closedByServer;
    }

    /** Sends {@code payload} as a QUIC DATAGRAM, as it is: any HTTP datagram prefix is up to the test. */
    void sendDatagram(byte[] payload) throws Exception {
        connection.writeAndFlush(Unpooled.wrappedBuffer(payload)).sync();
    }

    /** What a draft-16 client announces: SETTINGS_WT_ENABLED and HTTP datagrams. */
    static Http3Settings draft16Settings() {
        Http3Settings settings = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        settings.put(WebTransportSettings.WT_ENABLED, 1L);
        settings.put(WebTransportSettings.H3_DATAGRAM, 1L);
        return settings;
    }

    /** An extended CONNECT for {@code path} with the upgrade token {@code token}. */
    static Http3Headers connect(String token, String path) {
        return new DefaultHttp3Headers().method("CONNECT").protocol(token).scheme("https").authority("localhost")
                .path(path);
    }

    /** Sends {@code request} (with FIN after it when {@code endStream}) and yields the response headers. */
    CompletableFuture<Http3Headers> request(Http3Headers request, boolean endStream) throws Exception {
        CompletableFuture<Http3Headers> response = new CompletableFuture<>();
        QuicStreamChannel stream = Http3.newRequestStream(connection, new Http3RequestStreamInboundHandler() {
            @Override
            protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
                response.complete(frame.headers());
            }

            @Override
            protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
                frame.release();
            }

            @Override
            protected void channelInputClosed(ChannelHandlerContext ctx) {
                response.completeExceptionally(new IllegalStateException("stream ended without response"));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                response.completeExceptionally(cause);
            }
        }).get(5, TimeUnit.SECONDS);
        stream.writeAndFlush(new DefaultHttp3HeadersFrame(request)).addListener(f -> {
            if (endStream) {
                stream.shutdownOutput();
            }
        });
        return response;
    }

    /** A bidirectional stream without HTTP/3 framing: what goes on it is up to the test. */
    public QuicStreamChannel rawBidirectionalStream(ChannelHandler handler) throws Exception {
        return rawStream(QuicStreamType.BIDIRECTIONAL, handler);
    }

    /** A unidirectional stream without a stream type: what goes on it is up to the test. */
    public QuicStreamChannel rawUnidirectionalStream(ChannelHandler handler) throws Exception {
        return rawStream(QuicStreamType.UNIDIRECTIONAL, handler);
    }

    private QuicStreamChannel rawStream(QuicStreamType type, ChannelHandler handler) throws Exception {
        return connection.createStream(type, handler).get(5, TimeUnit.SECONDS);
    }

    /** Whether the server sent HTTP/3 GOAWAY on this connection. */
    boolean goAwayReceived() {
        return connection.pipeline().get(Http3ClientConnectionHandler.class).isGoAwayReceived();
    }

    /** Whether the server still keeps this connection open. */
    public boolean isOpen() {
        return connection.isActive();
    }

    @Override
    public void close() {
        connection.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        // Closing the socket before its loop stops lets the QUIC codec free its native buffers (else: LEAK).
        connection.parent().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
