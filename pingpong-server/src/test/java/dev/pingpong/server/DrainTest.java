package dev.pingpong.server;

import dev.pingpong.webtransport.SessionCloseInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Graceful stop in process: not ready at once, drain sent, sessions still served until the timeout closes them. */
class DrainTest {

    @Test
    void stopDrainsSessionsAndTurnsReadinessOff() throws Exception {
        TestServer server = TestServer.start("--drain-timeout", "3s");
        try (TestClient client = new TestClient(server.sha256());
             TestClient.TestSession session = client.connect(server.url())) {
            TestStream stream = session.openStream();
            pingPong(stream, 1, 0);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.server.stop(Duration.ofSeconds(3)));
            assertTrue(session.awaitDraining(), "WT_DRAIN_SESSION received");
            assertEquals(503, Http.status(server.http("/readyz")), "not ready while draining");
            pingPong(stream, 2, 0);

            SessionCloseInfo closed = session.session.closeFuture().get(10, TimeUnit.SECONDS);
            assertTrue(closed != null);
            stopped.get(15, TimeUnit.SECONDS);
            assertEquals(-1, Http.status(server.http("/healthz")), "HTTP side closed last");
        }
    }
}
