package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.Pem;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * How a client decides to trust a server: by CA (a bundle or the system's, with host name verification), by
 * pinned certificate hash (as browsers' {@code serverCertificateHashes}), or not at all.
 */
public final class ServerTrust {

    private final TrustManager trustManager;
    private final boolean verifiesHostName;
    private final String description;

    private ServerTrust(TrustManager trustManager, boolean verifiesHostName, String description) {
        this.trustManager = trustManager;
        this.verifiesHostName = verifiesHostName;
        this.description = description;
    }

    /** Trusts servers whose chain leads to a CA in the PEM bundle and whose certificate names the host. */
    public static ServerTrust caBundle(Path pem) throws IOException, GeneralSecurityException {
        return authorities(Pem.readCertificates(pem), "CA bundle " + pem);
    }

    public static ServerTrust authorities(List<X509Certificate> authorities) throws GeneralSecurityException {
        return authorities(authorities, authorities.size() + " CA certificate(s)");
    }

    /** The JDK's default trust store, with host name verification. */
    public static ServerTrust system() throws GeneralSecurityException {
        return new ServerTrust(CaTrust.system(), true, "system trust store");
    }

    /** Trusts exactly the leaf certificates with these SHA-256 hashes while they are valid; names are not checked. */
    public static ServerTrust pinned(Collection<String> sha256Hex) {
        PinnedCertificateTrustManager manager = new PinnedCertificateTrustManager(sha256Hex);
        return new ServerTrust(manager, false, "pinned sha256 " + manager.pinnedSha256Hex());
    }

    /**
     * Trusts any certificate: the connection is encrypted but the server is not authenticated, so anyone on the
     * path can impersonate it. The caller must warn the user (the client prints a warning on stderr).
     */
    public static ServerTrust insecure() {
        return new ServerTrust(InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0], false,
                "INSECURE: any certificate");
    }

    private static ServerTrust authorities(List<X509Certificate> authorities, String description)
            throws GeneralSecurityException {
        return new ServerTrust(CaTrust.of(authorities), true, description);
    }

    public TrustManager trustManager() {
        return trustManager;
    }

    /**
     * Whether the server's certificate must name the host connected to (HTTPS endpoint identification). It needs
     * the TLS engine created with the host: {@code context.newEngine(alloc, host, port)}.
     */
    public boolean verifiesHostName() {
        return verifiesHostName;
    }

    @Override
    public String toString() {
        return description;
    }
}
