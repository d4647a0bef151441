package dev.pingpong.client.bench;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.protocol.Frames;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;

/**
 * What users pick instead of WebTransport: the same PING and PONG frames as binary WebSocket messages over TLS
 * (Netty's WebSocket codec, JDK TLS), on TCP over loopback, epoll where it loads. {@code server} prints
 * {@code port N} and turns every PING into its PONG; {@code client PORT PINGS WARMUP} sends one PING at a time from
 * its event loop, as our client does, and prints a {@link RoundTrips} line.
 */
public final class WebSocketPing {

    private static final String PATH = "/pingpong";

    private WebSocketPing() {
    }

    public static void main(String[] args) throws Exception {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
        try {
            if (args[0].equals("server")) {
                serve(group, epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
            } else {
                ping(group, epoll ? EpollSocketChannel.class : NioSocketChannel.class, Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            }
        } finally {
            group.shutdownGracefully();
        }
    }

    private static void serve(EventLoopGroup group, Class<? extends ServerChannel> type) throws Exception {
        CertifiedKey key = Certificates.selfSigned();
        SslContext tls = SslContextBuilder.forServer(key.privateKey(), key.chain().toArray(X509Certificate[]::new)).build();
        Channel server = new ServerBootstrap().group(group).channel(type)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(1 << 16), new WebSocketServerProtocolHandler(PATH),
                                new PongTurner());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        System.out.println("port " + ((java.net.InetSocketAddress) server.localAddress()).getPort());
        server.closeFuture().sync();
    }

    private static void ping(EventLoopGroup group, Class<? extends Channel> type, int port, int pings, int warmup)
            throws Exception {
        SslContext tls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        URI uri = URI.create("wss://127.0.0.1:" + port + PATH);
        CompletableFuture<String> done = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(group).channel(type)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc(), "127.0.0.1", port), new HttpClientCodec(),
                                new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders())),
                                new Pinger(pings, warmup, done));
                    }
                })
                .connect("127.0.0.1", port).sync().channel();
        System.out.println(done.get());
        channel.close().sync();
    }

    /** Server side: the PING's type byte becomes PONG and the very frame goes back. */
    private static final class PongTurner extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame frame) {
                Frames.turnPingIntoPong(frame.content());
                ctx.writeAndFlush(frame, ctx.voidPromise());
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /** Client side: the next PING goes out from the event loop as soon as the PONG of the last one is read. */
    private static final class Pinger extends ChannelInboundHandlerAdapter {
        private final RoundTrips rtts;
        private final int warmup;
        private final CompletableFuture<String> done;
        private long seq;

        Pinger(int pings, int warmup, CompletableFuture<String> done) {
            this.rtts = new RoundTrips(pings);
            this.warmup = warmup;
            this.done = done;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                send(ctx);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof BinaryWebSocketFrame frame)) {
                ctx.fireChannelRead(msg);
                return;
            }
            long now = System.nanoTime();
            ByteBuf pong = frame.content();
            if (Frames.type(pong) != Frames.PONG || Frames.seq(pong) != seq) {
                done.completeExceptionally(new IllegalStateException("unexpected frame for seq " + seq));
            }
            if (seq > warmup) {
                rtts.add(now - Frames.timestamp(pong));
            }
            frame.release();
            if (rtts.full()) {
                done.complete(rtts.line());
            } else {
                send(ctx);
            }
        }

        private void send(ChannelHandlerContext ctx) {
            ByteBuf ping = Frames.writePing(ctx.alloc().buffer(Frames.HEADER_LENGTH), ++seq, System.nanoTime(), Unpooled.EMPTY_BUFFER);
            ctx.writeAndFlush(new BinaryWebSocketFrame(ping), ctx.voidPromise());
        }
    }
}
