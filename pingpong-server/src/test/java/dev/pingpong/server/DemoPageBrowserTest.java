package dev.pingpong.server;

import dev.pingpong.webtransport.testing.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo page served on / plays ping-pong with this server from headless Chromium, pinned by certificate hash. */
@Timeout(120)
class DemoPageBrowserTest {

    private static final int PINGS = 20;

    @Test
    void pagePlaysOnAStreamAndWithDatagrams() throws Exception {
        Chromium chromium = Chromium.assumeInstalled();
        try (TestServer server = TestServer.start()) {
            String result = chromium.run(server.http("/?auto=" + PINGS), "RESULT", Duration.ofSeconds(60));
            System.out.println("demo page RESULT " + result);
            assertTrue(result.contains("\"ok\":true"), result);
            assertTrue(result.contains("\"protocol\":\"pingpong-v1\""), result);
            assertEquals(PINGS, figure(result, "stream", "count"), result);
            int datagrams = figure(result, "datagram", "count");
            assertEquals(PINGS, datagrams + figure(result, "datagram", "lost"), result);
            assertTrue(datagrams > 0, result);
            assertEquals(PINGS, server.server.metrics().pings(ServerMetrics.Mode.STREAM).get());
            assertEquals(PINGS, server.server.metrics().pings(ServerMetrics.Mode.DATAGRAM).get());
        }
    }

    /** A number of {@code "section":{..."name":N...}} in the page's RESULT JSON. */
    private static int figure(String json, String section, String name) {
        Matcher m = Pattern.compile("\"" + section + "\":\\{[^}]*\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), section + "." + name + " in " + json);
        return Integer.parseInt(m.group(1));
    }
}
