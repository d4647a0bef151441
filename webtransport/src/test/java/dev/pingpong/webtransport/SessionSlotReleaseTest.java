package dev.pingpong.webtransport;

import io.netty.handler.codec.http3.Http3Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each way a session request or session ends gives its slot back exactly once: the endpoint's open-session count
 * returns to 0 (not below), and the connection has room for exactly one session again (its limit is 1).
 */
@Timeout(30)
class SessionSlotReleaseTest {

    private LoopbackPair pair;

    @BeforeEach
    void start() throws InterruptedException {
        pair = new LoopbackPair(WebTransportServer.builder()
                .limits(Limits.builder().maxSessionsPerConnection(1).handshakeTimeout(Duration.ofMillis(300)).build())
                .route("/hold", r -> r.accept(new RecordingListener()))
                .route("/close", r -> r.accept(new RecordingListener() {
                    @Override
                    public void onOpen(WebTransportSession session) {
                        session.close(7, "closed by the server");
                    }
                }))
                .route("/reject", r -> r.reject(403))
                .route("/throw", r -> {
                    throw new IllegalStateException("acceptor bug");
                })
                .route("/undecided", r -> { }));
    }

    @AfterEach
    void stop() {
        pair.close();
    }

    @Test
    void acceptedSessionEndedByThePeersFin() throws Exception {
        assertSlotReleasedOnce("/hold", true, "200");
    }

    @Test
    void acceptedSessionClosedByTheServer() throws Exception {
        assertSlotReleasedOnce("/close", false, "200");
    }

    @Test
    void rejectedRequest() throws Exception {
        assertSlotReleasedOnce("/reject", false, "403");
    }

    @Test
    void requestWhoseAcceptorThrew() throws Exception {
        assertSlotReleasedOnce("/throw", false, "500");
    }

    @Test
    void requestUndecidedUntilTheHandshakeTimeout() throws Exception {
        assertSlotReleasedOnce("/undecided", false, "503");
        assertEquals(1L, pair.server.stats().counters().get("handshake_timeouts"));
    }

    @Test
    void clientSessionClosedByTheApplication() throws Exception {
        WebTransportSession session = pair.connect("/hold", new RecordingListener());
        assertEquals(1, pair.client.stats().openSessions());
        session.close(0, "").get(5, TimeUnit.SECONDS);
        awaitAtMostZero(() -> pair.client.stats().openSessions());
        assertEquals(0, pair.client.stats().openSessions());
        awaitAtMostZero(() -> pair.server.stats().openSessions());
        assertEquals(0, pair.server.stats().openSessions());
    }

    /**
     * Ends one request by {@code path}, then proves its slot came back once: on the same connection one session
     * fits and a second is refused by the per-connection limit; closing the connection ends that session too.
     */
    private void assertSlotReleasedOnce(String path, boolean finAfterHeaders, String status) throws Exception {
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            assertEquals(status, raw.request(connect(path), finAfterHeaders).get(5, TimeUnit.SECONDS).status()
                    .toString());
            awaitAtMostZero(() -> pair.server.stats().openSessions());
            assertEquals(0, pair.server.stats().openSessions(), "endpoint slot released once");

            assertEquals("200", raw.request(connect("/hold"), false).get(5, TimeUnit.SECONDS).status().toString());
            assertEquals("429", raw.request(connect("/hold"), false).get(5, TimeUnit.SECONDS).status().toString());
            assertEquals(1L, pair.server.stats().counters().get("limit_sessions_per_connection"),
                    "connection slot released once");
            assertEquals(1, pair.server.stats().openSessions());
        }
        awaitAtMostZero(() -> pair.server.stats().openSessions());
        assertEquals(0, pair.server.stats().openSessions(), "slot released once when the connection closed");
    }

    private static void awaitAtMostZero(IntSupplier openSessions) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (openSessions.getAsInt() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static Http3Headers connect(String path) {
        return RawHttp3Client.connect("webtransport", path);
    }
}
