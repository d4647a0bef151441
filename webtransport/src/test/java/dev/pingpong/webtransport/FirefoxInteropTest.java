package dev.pingpong.webtransport;

import dev.pingpong.webtransport.testing.Firefox;

/**
 * {@link BrowserInterop} with headless Firefox (Debian's {@code firefox-esr}, WebTransport on Mozilla's neqo).
 * ESR 153 offers no subprotocols (the {@code protocols} option came with Firefox 155), and its {@code file://}
 * pages send {@code Origin: null}.
 */
class FirefoxInteropTest extends BrowserInterop {

    FirefoxInteropTest() {
        super(Firefox.NAME);
    }
}
