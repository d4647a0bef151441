package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;

import dev.pingpong.webtransport.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PinnedCertificateTrustManagerTest {

    private final CertifiedKey pinned = Certificates.selfSigned();
    private final CertifiedKey other = Certificates.selfSigned();

    @Test
    void acceptsAPinnedValidLeaf() {
        PinnedCertificateTrustManager manager = new PinnedCertificateTrustManager(List.of(other.sha256Hex(), pinned.sha256Hex()));
        assertDoesNotThrow(() -> manager.checkServerTrusted(chain(pinned), "ECDHE_ECDSA"));
        assertDoesNotThrow(() -> manager.checkServerTrusted(chain(other), "ECDHE_ECDSA", (javax.net.ssl.SSLEngine) null));
    }

    @Test
    void refusesALeafThatIsNotPinned() {
        PinnedCertificateTrustManager manager = new PinnedCertificateTrustManager(List.of(pinned.sha256Hex()));
        CertificateException e = assertThrows(CertificateException.class,
                () -> manager.checkServerTrusted(chain(other), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains(other.sha256Hex()), e.getMessage());
    }

    @Test
    void onlyTheLeafCounts() {
        TestCertificates.Pki pki = TestCertificates.pki("pin");
        PinnedCertificateTrustManager manager = new PinnedCertificateTrustManager(List.of(pki.authority().sha256Hex()));
        assertThrows(CertificateException.class, () -> manager.checkServerTrusted(chain(pki.server()), "ECDHE_ECDSA"));
    }

    @Test
    void refusesAPinnedButExpiredLeaf() throws Exception {
        CertifiedKey expired = TestCertificates.expired("old");
        PinnedCertificateTrustManager manager = new PinnedCertificateTrustManager(List.of(expired.sha256Hex()));
        assertThrows(java.security.cert.CertificateExpiredException.class,
                () -> manager.checkServerTrusted(chain(expired), "ECDHE_ECDSA"));
    }

    @Test
    void refusesAnEmptyChainAndAnEmptyPinList() {
        PinnedCertificateTrustManager manager = new PinnedCertificateTrustManager(List.of(pinned.sha256Hex()));
        assertThrows(CertificateException.class, () -> manager.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"));
        assertThrows(IllegalArgumentException.class, () -> new PinnedCertificateTrustManager(List.of()));
    }

    @Test
    void pinsAreNormalized() {
        PinnedCertificateTrustManager manager = new PinnedCertificateTrustManager(List.of(pinned.sha256Hex().toUpperCase()));
        assertDoesNotThrow(() -> manager.checkServerTrusted(chain(pinned), "ECDHE_ECDSA"));
    }

    private static X509Certificate[] chain(CertifiedKey key) {
        return key.chain().toArray(X509Certificate[]::new);
    }
}
