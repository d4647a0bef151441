package dev.pingpong.webtransport.bench;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.WebTransportServer;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.quic.QuicSslContextBuilder;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Round-trip time of a 19-byte echo on one WebTransport bidi stream, our client to our server over loopback,
 * next to the same loop over plain UDP (blocking DatagramSocket echo) in the same run.
 * Run: {@code ./mvnw -B -o -q -pl webtransport test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.pingpong.webtransport.bench.EchoRoundTrip [-Dexec.args="10000 2000"]}
 * (arguments: measured round trips, warm-up round trips).
 */
public final class EchoRoundTrip {

    private static final int MESSAGE = 19;

    private EchoRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        long[] webTransport = webTransport(rounds, warmup);
        long[] udp = udp(rounds, warmup);
        System.out.printf("echo of %d bytes, %d round trips after %d warm-up, loopback%n", MESSAGE, rounds, warmup);
        print("webtransport bidi stream", webTransport);
        print("plain UDP (blocking)", udp);
    }

    private static void print(String name, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-26s p50 %7.1f us  p90 %7.1f us  p99 %7.1f us  max %8.1f us%n", name,
                percentile(nanos, 0.50), percentile(nanos, 0.90), percentile(nanos, 0.99),
                nanos[nanos.length - 1] / 1e3);
    }

    /** In microseconds, from sorted nanoseconds. */
    private static double percentile(long[] sorted, double fraction) {
        return sorted[(int) (sorted.length * fraction)] / 1e3;
    }

    private static long[] webTransport(int rounds, int warmup) throws Exception {
        CertifiedKey key = Certificates.selfSigned();
        SessionListener echo = new SessionListener() {
            @Override
            public void onStream(WebTransportSession session, WebTransportStream stream) {
                stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ctx.writeAndFlush(msg);
                    }
                });
            }
        };
        try (WebTransportServer server = WebTransportServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(QuicSslContextBuilder.forServer(key.privateKey(), null,
                        key.chain().toArray(new X509Certificate[0]))
                        .applicationProtocols(Http3.supportedApplicationProtocols()).build())
                .route("/echo", request -> request.accept(echo))
                .start();
             WebTransportClient client = WebTransportClient.builder()
                     .sslContext(QuicSslContextBuilder.forClient().trustManager(key.leaf())
                             .applicationProtocols(Http3.supportedApplicationProtocols()).build())
                     .build()) {
            URI uri = URI.create("https://127.0.0.1:" + server.localAddresses().get(0).getPort() + "/echo");
            WebTransportSession session = client.connect(uri, ConnectOptions.DEFAULT, new SessionListener() { })
                    .get(10, TimeUnit.SECONDS);
            WebTransportStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
            Semaphore echoed = new Semaphore(0);
            stream.channel().pipeline().addLast(new ChannelInboundHandlerAdapter() {
                private int received;

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf data = (ByteBuf) msg;
                    received += data.readableBytes();
                    data.release();
                    while (received >= MESSAGE) {
                        received -= MESSAGE;
                        echoed.release();
                    }
                }
            });
            byte[] payload = new byte[MESSAGE];
            long[] samples = new long[rounds];
            for (int i = -warmup; i < rounds; i++) {
                long start = System.nanoTime();
                stream.channel().writeAndFlush(Unpooled.wrappedBuffer(payload));
                if (!echoed.tryAcquire(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no echo for round " + i);
                }
                if (i >= 0) {
                    samples[i] = System.nanoTime() - start;
                }
            }
            session.close(0, "done").get(5, TimeUnit.SECONDS);
            return samples;
        }
    }

    private static long[] udp(int rounds, int warmup) throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Thread echo = new Thread(() -> {
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                try {
                    while (true) {
                        packet.setLength(2048);
                        server.receive(packet);
                        server.send(packet);
                    }
                } catch (SocketException closed) {
                    // the measurement is over
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "udp-echo");
            echo.setDaemon(true);
            echo.start();
            client.setSoTimeout(5000);
            client.connect(server.getLocalSocketAddress());
            DatagramPacket out = new DatagramPacket(new byte[MESSAGE], MESSAGE);
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            long[] samples = new long[rounds];
            for (int i = -warmup; i < rounds; i++) {
                long start = System.nanoTime();
                client.send(out);
                in.setLength(2048);
                client.receive(in);
                if (i >= 0) {
                    samples[i] = System.nanoTime() - start;
                }
            }
            return samples;
        }
    }
}
