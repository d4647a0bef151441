package dev.pingpong.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The browser demo served on {@code /}: a page that opens a session to this server with the certificate hash
 * injected here, so a browser trusts the self-signed certificate by pinning (serverCertificateHashes).
 */
final class DemoPage {

    private static final String RESOURCE = "demo.html";

    private final String template;

    private DemoPage(String template) {
        this.template = template;
    }

    static DemoPage load() {
        try (InputStream in = DemoPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the server jar");
            }
            return new DemoPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page for the server's current state: the hash is asked for on every request, so it follows reloads. */
    Supplier<String> render(int udpPort, String path, Supplier<String> certificateSha256) {
        String fixed = template.replace("{{PORT}}", Integer.toString(udpPort)).replace("{{PATH}}", path);
        return () -> fixed.replace("{{CERT_SHA256}}", certificateSha256.get());
    }
}
