package dev.pingpong.webtransport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which UDP transport each endpoint runs on: native epoll on Linux, NIO when asked or when given NIO loops. */
@Timeout(30)
class UdpTransportTest {

    private static final boolean LINUX = System.getProperty("os.name").toLowerCase().contains("linux");
    private static final UdpTransport NATIVE_HERE = LINUX ? UdpTransport.EPOLL : UdpTransport.NIO;

    private WebTransportServer server;
    private WebTransportClient client;
    private EventLoopGroup nioLoops;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (nioLoops != null) {
            nioLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    private void start(boolean nativeServer, WebTransportClient.Builder clientBuilder) throws InterruptedException {
        server = WebTransportServer.builder().nativeTransport(nativeServer).eventLoops(1)
                .bind(new InetSocketAddress("127.0.0.1", 0)).sslContext(LoopbackTls.server())
                .route("/echo", r -> r.accept(new EchoListener())).start();
        client = clientBuilder.sslContext(LoopbackTls.client()).build();
    }

    /** A datagram goes there and back: the sockets on both sides really carry QUIC. */
    private void assertEchoes() throws Exception {
        RecordingListener listener = new RecordingListener();
        URI uri = URI.create("https://127.0.0.1:" + server.localAddresses().get(0).getPort() + "/echo");
        WebTransportSession session = client.connect(uri, ConnectOptions.DEFAULT, listener).get(10, TimeUnit.SECONDS);
        byte[] received = listener.echoDatagram(session, "ping".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), received);
    }

    @Test
    void bothEndpointsRunOnTheNativeTransportOnLinux() throws Exception {
        start(true, WebTransportClient.builder());
        assertEquals(NATIVE_HERE, server.transport());
        assertEquals(NATIVE_HERE, client.transport());
        assertEchoes();
    }

    @Test
    void nioWhenTheNativeTransportIsTurnedOff() throws Exception {
        start(false, WebTransportClient.builder().nativeTransport(false));
        assertEquals(UdpTransport.NIO, server.transport());
        assertEquals(UdpTransport.NIO, client.transport());
        assertEchoes();
    }

    @Test
    void givenLoopsDecideTheTransportAndMixedEndpointsTalk() throws Exception {
        nioLoops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        start(true, WebTransportClient.builder().eventLoopGroup(nioLoops));
        assertEquals(UdpTransport.NIO, client.transport());
        assertEquals(NATIVE_HERE, server.transport());
        assertEchoes();
    }
}
