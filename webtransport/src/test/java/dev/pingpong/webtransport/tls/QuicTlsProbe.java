package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.CertificateHashes;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownReadComplete;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Plain QUIC over loopback (no HTTP/3) to test TLS contexts on their own: the server answers a client's stream
 * with what it saw of the handshake, {@code server=<own leaf hash> client=<client leaf hash or none>}.
 */
final class QuicTlsProbe implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 5;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    QuicTlsProbe(QuicSslContext serverContext) throws InterruptedException {
        ChannelHandler codec = new QuicServerCodecBuilder()
                .sslContext(serverContext)
                .maxIdleTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .initialMaxData(1 << 16)
                .initialMaxStreamDataBidirectionalRemote(1 << 12)
                .initialMaxStreamsBidirectional(4)
                .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
                .handler(new ConnectionHandler())
                .streamHandler(new HandshakeReporter())
                .build();
        server = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Connects with {@code clientContext} to {@code host} (used for SNI and name verification; packets go to
     * 127.0.0.1) and returns the server's report; fails when the handshake or the exchange fails.
     */
    String exchange(QuicSslContext clientContext, String host) throws Exception {
        ChannelHandler codec = new QuicClientCodecBuilder()
                .sslEngineProvider(quic -> clientContext.newEngine(quic.alloc(), host, port()))
                .maxIdleTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .initialMaxData(1 << 16)
                .initialMaxStreamDataBidirectionalLocal(1 << 12)
                .build();
        Channel socket = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        try {
            QuicChannel quic = QuicChannel.newBootstrap(socket)
                    .handler(new ChannelInboundHandlerAdapter())
                    .streamHandler(new ChannelInboundHandlerAdapter())
                    .remoteAddress(new InetSocketAddress("127.0.0.1", port()))
                    .connect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture<String> answer = new CompletableFuture<>();
            quic.closeFuture().addListener(f -> answer.completeExceptionally(new IOException("connection closed")));
            QuicStreamChannel stream = quic.createStream(QuicStreamType.BIDIRECTIONAL, new AnswerReader(answer))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            stream.writeAndFlush(Unpooled.copiedBuffer("who", StandardCharsets.US_ASCII))
                    .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
            try {
                return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                quic.close().sync();
            }
        } finally {
            socket.close().sync();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** Every connection needs a handler; this one passes everything on, for all connections. */
    @ChannelHandler.Sharable
    private static final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    }

    /** Server side: once the client's request is complete, writes the report and FIN. */
    private static final class HandshakeReporter extends ChannelInitializer<QuicStreamChannel> {
        @Override
        protected void initChannel(QuicStreamChannel stream) {
            stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ((ByteBuf) msg).release();
                }

                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                    if (event == ChannelInputShutdownReadComplete.INSTANCE) {
                        String report = report(((QuicStreamChannel) ctx.channel()).parent());
                        ctx.writeAndFlush(Unpooled.copiedBuffer(report, StandardCharsets.US_ASCII));
                        ctx.channel().eventLoop().execute(() -> ((QuicStreamChannel) ctx.channel()).shutdownOutput());
                    }
                    ctx.fireUserEventTriggered(event);
                }
            });
        }

        private static String report(QuicChannel quic) {
            String server = CertificateHashes.sha256Hex((X509Certificate) quic.sslEngine().getSession().getLocalCertificates()[0]);
            String client;
            try {
                client = CertificateHashes.sha256Hex((X509Certificate) quic.sslEngine().getSession().getPeerCertificates()[0]);
            } catch (SSLPeerUnverifiedException e) {
                client = "none";
            }
            return "server=" + server + " client=" + client;
        }
    }

    /** Client side: collects the answer until FIN. */
    private static final class AnswerReader extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<String> answer;
        private final StringBuilder text = new StringBuilder();

        AnswerReader(CompletableFuture<String> answer) {
            this.answer = answer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                text.append(buf.toString(StandardCharsets.US_ASCII));
            } finally {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event == ChannelInputShutdownReadComplete.INSTANCE) {
                answer.complete(text.toString());
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            answer.completeExceptionally(cause);
        }
    }
}
