package dev.pingpong.webtransport;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our client against our server over loopback QUIC: streams, datagrams, close, drain. */
@Timeout(30)
class WebTransportEndToEndTest {

    private WebTransportServer server;
    private WebTransportClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebTransportSession connect(SessionListener serverListener, RecordingListener clientListener)
            throws Exception {
        server = WebTransportServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(LoopbackTls.server())
                .route("/echo", request -> request.accept(serverListener))
                .start();
        client = WebTransportClient.builder().sslContext(LoopbackTls.client()).build();
        int port = server.localAddresses().get(0).getPort();
        return client.connect(URI.create("https://127.0.0.1:" + port + "/echo"), ConnectOptions.DEFAULT,
                clientListener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void bidirectionalStreamEchoes() throws Exception {
        WebTransportSession session = connect(new EchoListener(), new RecordingListener());
        WebTransportStream stream = session.openBidirectionalStream().get(5, TimeUnit.SECONDS);
        StreamReader reader = new StreamReader(stream);
        stream.channel().pipeline().addLast(reader);
        stream.channel().writeAndFlush(Unpooled.copiedBuffer("hello webtransport", StandardCharsets.UTF_8));
        stream.finish();
        assertArrayEquals("hello webtransport".getBytes(StandardCharsets.UTF_8),
                reader.finished.get(5, TimeUnit.SECONDS));
        assertTrue(session.isOpen());
        assertEquals(1, server.stats().openSessions());
    }
}
