package dev.pingpong.webtransport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@link WebTransportClient#connect} behaves as a call: it never blocks its caller (event loops included) and
 * each connect completes exactly once, quietly, also when it times out.
 */
@Timeout(30)
class ClientConnectTest {

    private static final ConnectOptions SHORT = ConnectOptions.DEFAULT.withTimeout(Duration.ofMillis(500));

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private LoopbackPair pair;
    private WebTransportClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (pair != null) {
            pair.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /** The first connect binds the client's socket: on the client's own event loop that must not be waited for. */
    @Test
    void firstConnectFromTheClientsEventLoopSucceeds() throws Exception {
        pair = LoopbackPair.echo();
        client = WebTransportClient.builder().sslContext(LoopbackTls.client()).eventLoopGroup(group).build();

        Future<WebTransportSession> connecting = group.next()
                .submit(() -> client.connect(pair.uri("/echo"), ConnectOptions.DEFAULT, new RecordingListener()))
                .get(5, TimeUnit.SECONDS);

        WebTransportSession session = connecting.get(10, TimeUnit.SECONDS);
        assertTrue(session.isOpen());
        assertEquals(group, session.eventLoop().parent(), "the session runs on the client's event loop group");
    }

    @Test
    void connectFromASessionListenerCallbackSucceeds() throws Exception {
        pair = LoopbackPair.echo();
        CompletableFuture<Future<WebTransportSession>> second = new CompletableFuture<>();
        SessionListener connectsAgain = new RecordingListener() {
            @Override
            public void onOpen(WebTransportSession session) {
                try {
                    second.complete(pair.client.connect(pair.uri("/echo"), ConnectOptions.DEFAULT,
                            new RecordingListener()));
                } catch (RuntimeException e) {
                    second.completeExceptionally(e);
                }
            }
        };

        pair.connect("/echo", connectsAgain);

        WebTransportSession fromCallback = second.get(5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
        assertTrue(fromCallback.isOpen());
    }

    @Test
    void connectTimingOutWithoutAnAnswerLogsNoWarning() throws Exception {
        pair = LoopbackPair.echo();
        pair.server.close();
        String log = capturingStandardError(() -> assertTimesOut(pair.uri("/echo")));
        assertFalse(log.contains(" WARN "), log);
    }

    @Test
    void connectTimingOutWhileTheServerLeavesTheRequestUndecidedLogsNoWarning() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().route("/undecided", request -> { }));
        String log = capturingStandardError(() -> assertTimesOut(pair.uri("/undecided")));
        assertFalse(log.contains(" WARN "), log);
        // The session the server still holds ends when the client is gone; nothing must be left half-done.
        assertEquals(0, pair.client.stats().openSessions());
    }

    private void assertTimesOut(java.net.URI uri) throws Exception {
        Future<WebTransportSession> connecting = pair.client.connect(uri, SHORT, new RecordingListener());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> connecting.get(10, TimeUnit.SECONDS));
        WebTransportException e = assertInstanceOf(WebTransportException.class, failed.getCause());
        assertEquals(WebTransportException.Kind.TIMEOUT, e.kind(), e.toString());
        // Late events of the closed connection (the server's answer, the close) arrive after the failure.
        Thread.sleep(300);
    }

    /** slf4j-simple writes to whatever System.err is at the time of each line. */
    private static String capturingStandardError(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
