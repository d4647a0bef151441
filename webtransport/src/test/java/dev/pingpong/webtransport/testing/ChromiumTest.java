package dev.pingpong.webtransport.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The runner itself: a page's console line comes back, and the page is a secure context with WebTransport. */
@Timeout(60)
class ChromiumTest {

    @TempDir
    Path dir;

    @Test
    void returnsTheLineThePageLogs() throws Exception {
        Chromium chromium = Chromium.assumeInstalled();
        String line = chromium.run(Chromium.page("pages/console-result.html", dir, "echo=ping%20pong"), "RESULT",
                Duration.ofSeconds(30));
        assertEquals("{\"echo\":\"ping pong\",\"secure\":true,\"webTransport\":\"function\"}", line);
    }
}
