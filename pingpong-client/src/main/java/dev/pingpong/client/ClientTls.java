package dev.pingpong.client;

import dev.pingpong.certs.CertificateHashes;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.client.discovery.ServerTarget;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import io.netty.handler.codec.quic.QuicSslContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the client trusts the server and proves itself: {@code --insecure}, {@code --cert-hash}, {@code --ca}
 * (one of them), else a hash the server advertised over mDNS, else the system trust store; plus
 * {@code --cert}/{@code --key} for mutual TLS.
 *
 * @param certHash comma-separated SHA-256 hex pins, or null
 */
record ClientTls(boolean insecure, String certHash, Path ca, Path cert, Path key) {

    /** Names the flags that contradict each other, or empty when the combination is fine. */
    Optional<String> conflict() {
        long trusts = (insecure ? 1 : 0) + (certHash != null ? 1 : 0) + (ca != null ? 1 : 0);
        if (trusts > 1) {
            return Optional.of("--insecure, --cert-hash and --ca are alternatives: give at most one");
        }
        if ((cert == null) != (key == null)) {
            return Optional.of("--cert and --key go together: give both or neither");
        }
        if (certHash != null) {
            try {
                pinnedHashes();
            } catch (IllegalArgumentException e) {
                return Optional.of("--cert-hash: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The server trust for {@code target}; prints the {@code --insecure} warning on {@code err}. */
    ServerTrust trust(ServerTarget target, PrintStream err) throws IOException, GeneralSecurityException {
        if (insecure) {
            err.println("warning: --insecure: the server's certificate is not checked; anyone on the path can impersonate it");
            return ServerTrust.insecure();
        }
        if (certHash != null) {
            return ServerTrust.pinned(pinnedHashes());
        }
        if (ca != null) {
            return ServerTrust.caBundle(ca);
        }
        if (target.advertisedHash().isPresent()) {
            return ServerTrust.pinned(List.of(CertificateHashes.parseSha256Hex(target.advertisedHash().get())));
        }
        return ServerTrust.system();
    }

    QuicSslContext context(ServerTrust trust) throws IOException, GeneralSecurityException {
        if (cert == null) {
            return ClientTlsContexts.create(trust);
        }
        return ClientTlsContexts.create(trust, CertifiedKey.load(cert, key));
    }

    /** The {@code --cert-hash} pins, normalized; empty without the flag. */
    List<String> pinnedHashes() {
        if (certHash == null) {
            return List.of();
        }
        return Arrays.stream(certHash.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(CertificateHashes::parseSha256Hex).toList();
    }
}
