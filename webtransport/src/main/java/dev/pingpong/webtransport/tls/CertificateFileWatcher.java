package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.CertifiedKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a {@link SwappableKeyManager} in step with a PEM certificate and key on disk, e.g. a mounted
 * Kubernetes TLS Secret.
 *
 * <p>It polls the content of both files (following symlinks) rather than watching the directory: Kubernetes
 * updates a mounted Secret by re-pointing the {@code ..data} symlink, other tools rewrite files in place, and a
 * content hash notices both the same way, needs no inotify, and costs two small reads per interval.
 *
 * <p>A changed pair is loaded and checked before it is served. When it does not parse, is half written, or the
 * key does not match the certificate, the old certificate stays, one line is logged, and the pair is tried
 * again at its next change.
 */
public final class CertificateFileWatcher implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(CertificateFileWatcher.class);
    /** Far above any real chain or key; a larger file is not read. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final Path certificateFile;
    private final Path keyFile;
    private final SwappableKeyManager target;
    private final Consumer<CertifiedKey> onReload;
    private final ScheduledExecutorService timer;
    private String lastSeen;

    private CertificateFileWatcher(Path certificateFile, Path keyFile, SwappableKeyManager target,
                                   Consumer<CertifiedKey> onReload) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.target = target;
        this.onReload = onReload;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "certificate-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Checks the files at once on the calling thread (catching a change since {@code target} was loaded), then
     * every {@code interval} on a daemon thread until {@link #close()}.
     *
     * @param onReload told, on the watcher thread, of each certificate swapped in
     */
    public static CertificateFileWatcher start(Path certificateFile, Path keyFile, SwappableKeyManager target,
                                               Duration interval, Consumer<CertifiedKey> onReload) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("watch interval must be positive: " + interval);
        }
        CertificateFileWatcher watcher = new CertificateFileWatcher(Objects.requireNonNull(certificateFile),
                Objects.requireNonNull(keyFile), Objects.requireNonNull(target), Objects.requireNonNull(onReload));
        watcher.checkNow();
        watcher.timer.scheduleWithFixedDelay(watcher::checkGuarded, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return watcher;
    }

    /**
     * Looks at the files once; swaps when they hold a new, valid pair.
     *
     * @return true when a new certificate was swapped in
     */
    public synchronized boolean checkNow() {
        byte[] certificatePem;
        byte[] keyPem;
        try {
            certificatePem = read(certificateFile);
            keyPem = read(keyFile);
        } catch (IOException e) {
            String state = "unreadable: " + e;
            if (!state.equals(lastSeen)) {
                lastSeen = state;
                log.warn("certificate files unreadable, keeping sha256={}: {}", target.current().sha256Hex(), e.toString());
            }
            return false;
        }
        String fingerprint = fingerprint(certificatePem, keyPem);
        if (fingerprint.equals(lastSeen)) {
            return false;
        }
        lastSeen = fingerprint;
        CertifiedKey loaded;
        try {
            loaded = CertifiedKey.parse(certificatePem, keyPem);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.warn("certificate reload failed, keeping sha256={}: {} (cert={}, key={})",
                    target.current().sha256Hex(), e.getMessage(), certificateFile, keyFile);
            return false;
        }
        if (loaded.sha256Hex().equals(target.current().sha256Hex())) {
            return false;
        }
        target.swap(loaded);
        log.info("certificate reloaded sha256={} notAfter={} from {}", loaded.sha256Hex(), loaded.notAfter(), certificateFile);
        onReload.accept(loaded);
        return true;
    }

    /** A periodic task that throws is never run again: keep watching whatever a listener does. */
    private void checkGuarded() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.warn("certificate reload listener failed: {}", e.toString());
        }
    }

    /** Stops polling; a check under way finishes. */
    @Override
    public void close() {
        timer.shutdown();
    }

    private static byte[] read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is " + size + " bytes, more than a PEM file can reasonably be");
        }
        return Files.readAllBytes(file);
    }

    private static String fingerprint(byte[] certificatePem, byte[] keyPem) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(certificatePem);
            digest.update((byte) 0);
            digest.update(keyPem);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
