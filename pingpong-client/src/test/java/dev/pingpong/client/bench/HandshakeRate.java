package dev.pingpong.client.bench;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.internal.QuicTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * New sessions per second, and the bare QUIC handshake rate beside them. {@code quic-server} is a Netty QUIC server
 * with the library's transport parameters, the same P-256 certificate kind and one epoll loop that completes
 * handshakes and nothing else (prints {@code port N}). The clients keep {@value #CONCURRENCY} attempts in flight from
 * one event loop and one UDP socket, close each connection once it is up, and count, after {@code WARMUP} seconds
 * (which warm up the JIT of both sides), those that came up: {@code wt URL SECONDS WARMUP} counts WebTransport
 * sessions (QUIC handshake, SETTINGS, extended CONNECT, 200) through the library's client, {@code quic PORT SECONDS
 * WARMUP} counts QUIC handshakes. Each prints {@code window open} and {@code window closed} as the counted window
 * opens and closes (the bench samples the server's CPU time then), and at the end
 * {@code handshakes ok=N failed=M per_s=X client_cpu_ms=C}, C being the client's CPU time per handshake counted.
 */
public final class HandshakeRate {

    private static final int CONCURRENCY = 32;

    /** The bare server's connections and streams need no handler of their own, but Netty wants one. */
    private static final ChannelHandler NOTHING_MORE = new Sharable();

    @ChannelHandler.Sharable
    private static final class Sharable extends ChannelInboundHandlerAdapter {
    }

    private HandshakeRate() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "quic-server" -> serveQuic();
            case "wt" -> count(Double.parseDouble(args[2]), Double.parseDouble(args[3]), webTransport(URI.create(args[1])));
            case "quic" -> count(Double.parseDouble(args[2]), Double.parseDouble(args[3]), quic(Integer.parseInt(args[1])));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** One attempt: a future that succeeds once the session or connection is up (and has been told to close). */
    private interface Attempts {
        EventLoop loop();

        Future<?> attempt();

        void close();
    }

    private static Attempts webTransport(URI uri) {
        WebTransportClient client = WebTransportClient.builder().sslContext(insecureClientContext()).build();
        return new Attempts() {
            @Override
            public EventLoop loop() {
                return client.eventLoop();
            }

            @Override
            public Future<?> attempt() {
                return client.connect(uri, ConnectOptions.DEFAULT, new SessionListener() { })
                        .addListener((Future<WebTransportSession> f) -> {
                            if (f.isSuccess()) {
                                f.getNow().close(0, "");
                            }
                        });
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static Attempts quic(int port) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        ChannelHandler codec = QuicTransport.configure(new QuicClientCodecBuilder(), Limits.builder().build())
                .sslContext(insecureClientContext()).build();
        Channel socket = new Bootstrap().group(group).channel(EpollDatagramChannel.class).handler(codec)
                .bind("127.0.0.1", 0).sync().channel();
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        return new Attempts() {
            @Override
            public EventLoop loop() {
                return socket.eventLoop();
            }

            @Override
            public Future<?> attempt() {
                return QuicChannel.newBootstrap(socket).handler(new ChannelInboundHandlerAdapter())
                        .remoteAddress(server).connect()
                        .addListener((Future<QuicChannel> f) -> {
                            if (f.isSuccess()) {
                                f.getNow().close();
                            }
                        });
            }

            @Override
            public void close() {
                socket.close();
                group.shutdownGracefully();
            }
        };
    }

    /**
     * Keeps the attempts going; the window counted opens {@code warmup} seconds after the first attempt came back
     * (the first ones pay for class loading and the JIT on both sides) and lasts {@code seconds}.
     */
    private static void count(double seconds, double warmup, Attempts attempts) throws Exception {
        CompletableFuture<long[]> done = new CompletableFuture<>();
        long[] okFailed = new long[2];
        long[] window = new long[2];
        long[] cpu = new long[2];
        int[] running = {0};
        Supplier<Runnable> next = new Supplier<>() {
            @Override
            public Runnable get() {
                return () -> {
                    running[0]++;
                    attempts.attempt().addListener(f -> {
                        running[0]--;
                        long now = System.nanoTime();
                        if (window[0] == 0) {
                            window[0] = now + (long) (warmup * 1e9);
                            window[1] = window[0] + (long) (seconds * 1e9);
                        }
                        if (!f.isSuccess() && okFailed[1] == 0) {
                            System.err.println("a handshake failed: " + f.cause());
                        }
                        if (now - window[0] > 0 && now - window[1] < 0) {
                            if (cpu[0] == 0) {
                                cpu[0] = processCpuNanos();
                                System.out.println("window open");
                            }
                            okFailed[f.isSuccess() ? 0 : 1]++;
                        }
                        if (now - window[1] < 0) {
                            attempts.loop().execute(get());
                            return;
                        }
                        if (cpu[1] == 0) {
                            cpu[1] = processCpuNanos();
                            System.out.println("window closed");
                        }
                        if (running[0] == 0) {
                            done.complete(okFailed);
                        }
                    });
                };
            }
        };
        attempts.loop().execute(() -> {
            for (int i = 0; i < CONCURRENCY; i++) {
                next.get().run();
            }
        });
        long[] counts = done.get((long) (seconds + warmup) + 120, TimeUnit.SECONDS);
        System.out.println(String.format(Locale.ROOT, "handshakes ok=%d failed=%d per_s=%.1f client_cpu_ms=%.3f",
                counts[0], counts[1], counts[0] / seconds, (cpu[1] - cpu[0]) / 1e6 / Math.max(1, counts[0])));
        attempts.close();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void serveQuic() throws Exception {
        CertifiedKey key = Certificates.selfSigned();
        QuicSslContext tls = QuicSslContextBuilder.forServer(key.privateKey(), null, key.chain().toArray(X509Certificate[]::new))
                .applicationProtocols(Http3.supportedApplicationProtocols()).build();
        ChannelHandler codec = QuicTransport.configure(new QuicServerCodecBuilder(), Limits.builder().build())
                .sslContext(tls)
                .handler(NOTHING_MORE)
                .streamHandler(NOTHING_MORE)
                .build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        Channel socket = new Bootstrap().group(group).channel(EpollDatagramChannel.class).handler(codec)
                .bind("127.0.0.1", 0).sync().channel();
        System.out.println("port " + ((InetSocketAddress) socket.localAddress()).getPort());
        socket.closeFuture().sync();
    }

    private static QuicSslContext insecureClientContext() {
        return QuicSslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .applicationProtocols(Http3.supportedApplicationProtocols()).build();
    }
}
