package dev.pingpong.server;

import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.WebTransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who gets a session: browser origins (403) and the session limit (429). */
class AdmissionTest {

    private static LoopbackPair pair;
    private static TestServer server;
    private static TestClient client;

    @BeforeAll
    static void start() throws Exception {
        pair = LoopbackPair.start("--max-sessions", "2");
        server = pair.server;
        client = pair.client;
    }

    @AfterAll
    static void stop() {
        LoopbackPair.close(pair);
    }

    @Test
    void foreignBrowserOriginIsRefusedWith403() throws Exception {
        WebTransportException refused = client.refused(server.url(),
                ConnectOptions.DEFAULT.withOrigin("https://evil.example"));
        assertEquals(WebTransportException.Kind.SESSION_REFUSED, refused.kind());
        assertEquals(403, refused.status());
        assertEquals(1, server.server.metrics().sessionsRefused.labels("origin").get());
    }

    @Test
    void theServersOwnPageOriginIsAccepted() throws Exception {
        String own = "http://127.0.0.1:" + server.server.healthPort();
        try (TestClient.TestSession session = client.connect(server.url(), ConnectOptions.DEFAULT.withOrigin(own))) {
            pingPong(session.openStream(), 1, 0);
        }
    }

    @Test
    void sessionsBeyondTheLimitAreRefusedWith429() throws Exception {
        try (TestClient.TestSession first = client.connect(server.url());
             TestClient.TestSession second = client.connect(server.url())) {
            WebTransportException refused = client.refused(server.url(), ConnectOptions.DEFAULT);
            assertEquals(WebTransportException.Kind.SESSION_REFUSED, refused.kind());
            assertEquals(429, refused.status());
            pingPong(first.openStream(), 2, 0);
            pingPong(second.openStream(), 3, 0);
        }
        Pings.eventually("both sessions ended", TestClient.WAIT, () -> server.server.openSessions() == 0);
        try (TestClient.TestSession again = client.connect(server.url())) {
            pingPong(again.openStream(), 4, 0);
        }
    }
}
