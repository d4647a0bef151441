package dev.pingpong.webtransport.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The runner itself, in each browser: a page's console line comes back unchanged (quotes, backslashes and
 * non-ASCII text included), and the page is a secure context with WebTransport.
 */
@Timeout(120)
class HeadlessBrowserTest {

    private static final String ECHO = "ping \"pong\" \\ é ☃";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.pingpong.webtransport.testing.HeadlessBrowser#NAMES")
    void returnsTheLineThePageLogs(String name) throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.assumeInstalled(name);
        String query = "echo=" + URLEncoder.encode(ECHO, StandardCharsets.UTF_8).replace("+", "%20");
        String line = browser.run(HeadlessBrowser.page("pages/console-result.html", dir, query), "RESULT",
                Duration.ofSeconds(60));
        assertEquals("{\"echo\":\"ping \\\"pong\\\" \\\\ é ☃\",\"secure\":true,\"webTransport\":\"function\"}", line);
    }

    @Test
    void firefoxStringLiteralsAreUnescaped() {
        assertEquals("a\"b\\é\n☃", Firefox.unescape("a\\\"b\\\\\\xE9\\n\\u2603"));
    }
}
