package dev.pingpong.server;

import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.webtransport.SessionRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The browser demo served on {@code /}: a page that opens a session to this server with the certificate hash
 * injected here, so a browser trusts the self-signed certificate by pinning (serverCertificateHashes), and shows
 * the round trips it measures with the draft and certificate facts injected alongside.
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

    /** The page for the server's current state: the certificate is asked for on every request, so it follows reloads. */
    Supplier<String> render(int udpPort, String path, Supplier<CertifiedKey> certificate) {
        String fixed = template.replace("{{PORT}}", Integer.toString(udpPort)).replace("{{PATH}}", path)
                .replace("{{DRAFT}}", SessionRequest.ANSWERED_DRAFT);
        return () -> {
            CertifiedKey current = certificate.get();
            return fixed.replace("{{CERT_SHA256}}", current.sha256Hex())
                    .replace("{{CERT_NOT_AFTER}}", current.notAfter().toString());
        };
    }
}
