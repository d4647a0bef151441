package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.Frames;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.pingpong.server.Pings.ping;
import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP side: probes, Prometheus metrics that move with the traffic, the certificate hash, the demo page. */
class HealthEndpointsTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void probesAnswer() throws Exception {
        assertEquals(200, Http.status(server.http("/healthz")));
        assertEquals(200, Http.status(server.http("/readyz")));
        assertEquals(404, Http.status(server.http("/nope")));
    }

    @Test
    void certHashIsThePrintedHash() throws Exception {
        assertEquals(server.sha256() + "\n", Http.get(server.http("/cert-hash")).body());
    }

    @Test
    void demoPageCarriesPortPathHashExpiryAndDraft() throws Exception {
        HttpResponse<String> page = Http.get(server.http("/"));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String body = page.body();
        assertTrue(body.contains("port: " + server.url().getPort() + ","), "port injected");
        assertTrue(body.contains("path: \"/pingpong\""), "path injected");
        assertTrue(body.contains("sha256: \"" + server.sha256() + "\""), "hash injected");
        assertTrue(body.contains("notAfter: \"" + server.server.certificateNotAfter() + "\""), "expiry injected");
        assertTrue(body.contains("draft: \"draft02\""), "draft injected");
        assertTrue(!body.contains("{{"), "no placeholder left");
    }

    @Test
    void metricsFollowTheTraffic() throws Exception {
        try (TestClient client = new TestClient(server.sha256());
             TestClient.TestSession session = client.connect(server.url())) {
            TestStream stream = session.openStream();
            for (int seq = 0; seq < 3; seq++) {
                pingPong(stream, seq, 0);
            }
            session.sendDatagram(ping(1, 0));
            ByteBuf pong = session.receiveDatagram(TestClient.WAIT);
            assertNotNull(pong);
            pong.release();
            session.sendDatagram(ping(2, 0).writerIndex(Frames.HEADER_LENGTH - 1));
            Pings.eventually("bad datagram counted", TestClient.WAIT,
                    () -> server.server.metrics().badInput(BadInput.DATAGRAM_TOO_SHORT).get() == 1);

            String metrics = Http.get(server.http("/metrics")).body();
            assertTrue(metrics.contains("\npingpong_sessions 1\n"), metrics);
            assertTrue(metrics.contains("\npingpong_pings_total{mode=\"stream\"} 3\n"), metrics);
            assertTrue(metrics.contains("\npingpong_pongs_total{mode=\"stream\"} 3\n"), metrics);
            assertTrue(metrics.contains("\npingpong_pings_total{mode=\"datagram\"} 1\n"), metrics);
            assertTrue(metrics.contains("\npingpong_datagrams_received_total 2\n"), metrics);
            assertTrue(metrics.contains("\npingpong_bad_input_total{kind=\"datagram_too_short\"} 1\n"), metrics);
            assertTrue(metrics.contains("\npingpong_bad_input_total{kind=\"unknown_type\"} 0\n"), metrics);
            assertTrue(metrics.contains("\npingpong_ready 1\n"), metrics);
            assertTrue(metrics.contains("# TYPE webtransport_"), "library counters: " + metrics);
            assertTrue(metrics.contains("\njvm_threads_current "), metrics);
        }
    }
}
