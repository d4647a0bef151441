package dev.pingpong.server;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.certs.Pem;
import dev.pingpong.webtransport.tls.CertificateFileWatcher;
import dev.pingpong.webtransport.tls.ServerTlsContexts;
import dev.pingpong.webtransport.tls.SwappableKeyManager;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.ssl.ClientAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The server's certificate: from --cert/--key, watched and swapped in for new connections when the files
 * change, or else a fresh short-lived self-signed one. Live connections keep the certificate they started with.
 */
final class ServerTls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

    private final SwappableKeyManager keyManager;
    private final QuicSslContext context;
    private final CertificateFileWatcher watcher;
    private final List<Consumer<CertifiedKey>> reloadListeners = new CopyOnWriteArrayList<>();

    private ServerTls(SwappableKeyManager keyManager, QuicSslContext context, Path cert, Path key, Duration interval) {
        this.keyManager = keyManager;
        this.context = context;
        this.watcher = cert == null ? null
                : CertificateFileWatcher.start(cert, key, keyManager, interval, this::reloaded);
    }

    /**
     * @throws IOException              when a file cannot be read
     * @throws GeneralSecurityException when it holds no usable certificate, key or CA
     */
    static ServerTls create(Path cert, Path key, Path clientCa, ClientAuth clientAuth, Duration checkInterval)
            throws IOException, GeneralSecurityException {
        CertifiedKey initial = cert == null ? Certificates.selfSigned() : CertifiedKey.load(cert, key);
        if (cert == null) {
            LOG.info("no --cert: generated a self-signed certificate for {} valid until {}",
                    Certificates.DEFAULT_NAMES, initial.notAfter());
        }
        List<X509Certificate> authorities = clientCa == null ? List.of() : Pem.readCertificates(clientCa);
        if (clientCa != null && clientAuth == ClientAuth.NONE) {
            LOG.warn("--client-ca given with --client-auth none: client certificates are not requested");
        }
        SwappableKeyManager keyManager = new SwappableKeyManager(initial);
        QuicSslContext context = ServerTlsContexts.create(keyManager, clientAuth, authorities);
        return new ServerTls(keyManager, context, cert, key, checkInterval);
    }

    QuicSslContext context() {
        return context;
    }

    CertifiedKey current() {
        return keyManager.current();
    }

    /** Told, on the watcher's thread, of every certificate swapped in. */
    void onReload(Consumer<CertifiedKey> listener) {
        reloadListeners.add(listener);
    }

    private void reloaded(CertifiedKey next) {
        reloadListeners.forEach(listener -> listener.accept(next));
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
