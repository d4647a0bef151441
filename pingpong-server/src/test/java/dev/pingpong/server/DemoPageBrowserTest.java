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
 * hash, and shows what it measured and what the server told it: the subprotocol (where the browser can offer
 * one), the draft, the certificate's expiry, datagram loss, every round trip on the chart and in the histogram.
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
            int lost = figure(result, "datagram", "lost");
            assertEquals(PINGS, datagrams + lost, result);
            assertTrue(datagrams > 0, result);

            assertShown(result, "protocol", browser.offersSubprotocols() ? WellKnownNames.SUBPROTOCOL : "not offered");
            assertShown(result, "draft", "draft-02");
            assertTrue(shown(result, "certificate").matches("\\d+ d \\d+ h left"), result);
            String notAfter = server.server.certificateNotAfter().toString();
            assertTrue(shown(result, "certificateDetail").startsWith("until " + notAfter.substring(0, 10) + " "
                    + notAfter.substring(11, 16) + " UTC · sha256 " + server.sha256().substring(0, 16)), result);
            String loss = shown(result, "loss");
            assertTrue(lost == 0 ? loss.equals("0 %") : loss.matches("[1-9][0-9.]* %|0\\.\\d\\d %"), result);
            assertEquals(2 * PINGS, figure(result, "shown", "timelinePoints"), "stream and datagram points, lost too");
            assertTrue(shown(result, "histogramLegend").startsWith((PINGS + datagrams) + " round trips in 20 bins"),
                    result);
            assertEquals(PINGS, server.server.metrics().pings(ServerMetrics.Mode.STREAM).get());
            assertEquals(PINGS, server.server.metrics().pings(ServerMetrics.Mode.DATAGRAM).get());
        }
    }

    private static void assertShown(String json, String name, String expected) {
        assertEquals(expected, shown(json, name), json);
    }

    /** A text the page shows, as reported in {@code "shown":{..."name":"text"...}}. */
    private static String shown(String json, String name) {
        Matcher m = Pattern.compile("\"shown\":\\{.*?\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), "shown." + name + " in " + json);
        return m.group(1);
    }

    /** A number of {@code "section":{..."name":N...}} in the page's RESULT JSON. */
    private static int figure(String json, String section, String name) {
        Matcher m = Pattern.compile("\"" + section + "\":\\{[^}]*\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), section + "." + name + " in " + json);
        return Integer.parseInt(m.group(1));
    }
}
