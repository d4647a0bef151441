package dev.pingpong.webtransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's event loops: one SO_REUSEPORT socket each on Linux, one port, limits and counters across loops. */
@Timeout(60)
class ServerEventLoopsTest {

    private static final boolean LINUX = System.getProperty("os.name").toLowerCase().contains("linux");

    private WebTransportServer server;
    private final List<WebTransportClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WebTransportClient::close);
        if (server != null) {
            server.close();
        }
    }

    private WebTransportServer start(WebTransportServer.Builder builder) throws InterruptedException {
        return builder.bind(new InetSocketAddress("127.0.0.1", 0)).sslContext(LoopbackTls.server()).start();
    }

    private WebTransportClient newClient() {
        WebTransportClient client = WebTransportClient.builder().sslContext(LoopbackTls.client()).build();
        clients.add(client);
        return client;
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.localAddresses().get(0).getPort() + path);
    }

    private static void assertEchoes(WebTransportSession session, RecordingListener listener) throws Exception {
        byte[] received = listener.echoDatagram(session, "ping".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), received);
    }

    @Test
    void linuxServesOneSocketPerLoopOnOnePort() throws Exception {
        server = start(WebTransportServer.builder().eventLoops(2).route("/echo", r -> r.accept(new EchoListener())));
        assertEquals(LINUX ? UdpTransport.EPOLL : UdpTransport.NIO, server.transport());
        assertEquals(LINUX ? 2 : 1, server.socketCount());
        assertEquals(1, server.localAddresses().size());
        RecordingListener listener = new RecordingListener();
        assertEchoes(newClient().connect(uri("/echo"), ConnectOptions.DEFAULT, listener).get(10, TimeUnit.SECONDS),
                listener);
    }

    @Test
    void aSecondServerCannotShareATakenPort() throws Exception {
        server = start(WebTransportServer.builder().eventLoops(2).route("/echo", r -> r.accept(new EchoListener())));
        InetSocketAddress taken = server.localAddresses().get(0);
        Exception refused = assertThrows(Exception.class, () -> WebTransportServer.builder().eventLoops(2)
                .bind(taken).sslContext(LoopbackTls.server()).start().close());
        assertInstanceOf(java.net.BindException.class, refused, refused.toString());
    }

    /**
     * Sessions land on the loop of the socket the kernel picked for each client, so clients are added until both
     * loops hold one; then the endpoint-wide limit is filled and overrun, and the counters must add up.
     */
    @Test
    void sessionLimitAndCountersHoldAcrossLoops() throws Exception {
        int limit = 4;
        BlockingQueue<Thread> loopOfEachSession = new LinkedBlockingQueue<>();
        server = start(WebTransportServer.builder().eventLoops(2)
                .limits(Limits.builder().maxSessions(limit).build())
                .route("/echo", request -> request.accept(new EchoListener() {
                    @Override
                    public void onOpen(WebTransportSession session) {
                        loopOfEachSession.add(Thread.currentThread());
                    }
                })));
        Map<Thread, WebTransportClient> onePerLoop = new HashMap<>();
        int accepted = 0;
        int closed = 0;
        for (int attempt = 0; attempt < 40 && onePerLoop.size() < 2; attempt++) {
            WebTransportClient client = newClient();
            client.connect(uri("/echo"), ConnectOptions.DEFAULT, new RecordingListener()).get(10, TimeUnit.SECONDS);
            accepted++;
            Thread loop = loopOfEachSession.poll(10, TimeUnit.SECONDS);
            if (onePerLoop.putIfAbsent(loop, client) != null) {
                client.close();
                closed++;
                awaitOpen(accepted - closed);
            }
        }
        assertEquals(2, onePerLoop.size(), "sessions never reached a second loop");
        while (accepted - closed < limit) {
            newClient().connect(uri("/echo"), ConnectOptions.DEFAULT, new RecordingListener()).get(10, TimeUnit.SECONDS);
            accepted++;
        }
        int refused = 3;
        for (int i = 0; i < refused; i++) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> newClient()
                    .connect(uri("/echo"), ConnectOptions.DEFAULT, new RecordingListener()).get(10, TimeUnit.SECONDS));
            assertEquals(429, assertInstanceOf(WebTransportException.class, failed.getCause()).status());
        }
        awaitOpen(limit);
        Map<String, Long> counters = server.stats().counters();
        assertEquals(accepted, counters.get("sessions_accepted"), counters.toString());
        assertEquals(closed, counters.get("sessions_closed"), counters.toString());
        assertEquals(refused, counters.get("limit_sessions"), counters.toString());
    }

    private void awaitOpen(int sessions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.stats().openSessions() != sessions) {
            assertTrue(System.nanoTime() < deadline, "open sessions " + server.stats().openSessions() + ", not " + sessions);
            Thread.sleep(5);
        }
    }
}
