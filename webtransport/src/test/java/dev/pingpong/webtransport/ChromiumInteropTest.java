package dev.pingpong.webtransport;

import dev.pingpong.webtransport.testing.Chromium;

/** {@link BrowserInterop} with headless Chromium (Debian's {@code chromium}). */
class ChromiumInteropTest extends BrowserInterop {

    ChromiumInteropTest() {
        super(Chromium.NAME);
    }
}
