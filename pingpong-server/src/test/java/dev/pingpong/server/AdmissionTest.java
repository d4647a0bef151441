package dev.pingpong.server;

import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.WebTransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aFilePageIsRefusedWithTheFlagThatAllowsItAndThatFlagWorks() throws Exception {
        int page = server.server.healthPort();
        WebTransportException refused = client.refused(server.url(), ConnectOptions.DEFAULT.withOrigin("null"));
        assertEquals(403, refused.status());
        String flag = "--allowed-origins http://127.0.0.1:" + page + ",http://[::1]:" + page + ",http://localhost:"
                + page + ",null";
        assertTrue(refused.getMessage().endsWith("origin null is not allowed (a page opened from a file:// address "
                + "sends Origin: null); to allow it, start the server with " + flag), refused.getMessage());

        LoopbackPair allowing = LoopbackPair.start(flag.split(" "));
        try (TestClient.TestSession session = allowing.client.connect(allowing.server.url(),
                ConnectOptions.DEFAULT.withOrigin("null"))) {
            pingPong(session.openStream(), 1, 0);
        } finally {
            LoopbackPair.close(allowing);
        }
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
