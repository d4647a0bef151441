package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.CertificateHashes;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Set;

/**
 * Trusts a peer by the SHA-256 of its leaf certificate, as browsers do with {@code serverCertificateHashes}:
 * the leaf's hash must be one of the pinned ones and the leaf must be valid now. Issuer, names and the rest of
 * the chain do not matter: the pin already names the exact certificate.
 */
public final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final Set<String> pinnedSha256Hex;

    /** @param sha256Hex hashes as {@link CertificateHashes#parseSha256Hex} accepts them; at least one */
    public PinnedCertificateTrustManager(Collection<String> sha256Hex) {
        if (sha256Hex.isEmpty()) {
            throw new IllegalArgumentException("at least one certificate hash to pin");
        }
        this.pinnedSha256Hex = Set.copyOf(sha256Hex.stream().map(CertificateHashes::parseSha256Hex).toList());
    }

    public Set<String> pinnedSha256Hex() {
        return pinnedSha256Hex;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("peer presented no certificate");
        }
        X509Certificate leaf = chain[0];
        String hash = CertificateHashes.sha256Hex(leaf);
        if (!pinnedSha256Hex.contains(hash)) {
            throw new CertificateException("certificate sha256=" + hash + " is not pinned " + pinnedSha256Hex);
        }
        leaf.checkValidity();
    }
}
