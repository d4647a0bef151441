package dev.pingpong.server;

import dev.pingpong.protocol.WellKnownNames;
import dev.pingpong.webtransport.testing.HeadlessBrowser;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo page served on / plays ping-pong with this server from each headless browser, pinned by certificate
 * hash; the subprotocol comes back where the browser can offer one.
 */
@Timeout(180)
class DemoPageBrowserTest {

    private static final int PINGS = 20;

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.pingpong.webtransport.testing.HeadlessBrowser#NAMES")
    void pagePlaysOnAStreamAndWithDatagrams(String name) throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.assumeInstalled(name);
        try (TestServer server = TestServer.start()) {
            String result = browser.run(server.http("/?auto=" + PINGS), "RESULT", Duration.ofSeconds(120));
            System.out.println(name + " demo page RESULT " + result);
            assertTrue(result.contains("\"ok\":true"), result);
            assertTrue(result.contains(browser.offersSubprotocols()
                    ? "\"protocol\":\"" + WellKnownNames.SUBPROTOCOL + "\"" : "\"protocol\":null"), result);
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
