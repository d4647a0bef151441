package dev.pingpong.webtransport.tls;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;

import dev.pingpong.webtransport.testing.KubernetesSecretVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class CertificateFileWatcherTest {

    /** Long enough that only {@link CertificateFileWatcher#checkNow()} acts in the step-by-step tests. */
    private static final Duration MANUAL = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final CertifiedKey first = Certificates.selfSigned();
    private final CertifiedKey second = Certificates.selfSigned();
    private final List<CertifiedKey> reloads = new CopyOnWriteArrayList<>();

    @Test
    void picksUpAKubernetesSymlinkSwap() throws Exception {
        KubernetesSecretVolume volume = KubernetesSecretVolume.tls(dir, first);
        SwappableKeyManager manager = new SwappableKeyManager(CertifiedKey.load(volume.certificateFile(), volume.keyFile()));
        try (CertificateFileWatcher watcher = watch(volume.certificateFile(), volume.keyFile(), manager, MANUAL)) {
            assertFalse(watcher.checkNow(), "unchanged files");
            volume.update(second);
            assertTrue(watcher.checkNow());
            assertEquals(second.sha256Hex(), manager.current().sha256Hex());
            assertEquals(List.of(second.sha256Hex()), reloads.stream().map(CertifiedKey::sha256Hex).toList());
            assertFalse(watcher.checkNow(), "a pair is swapped in once");
        }
    }

    @Test
    void keepsServingThroughAHalfWrittenFileAndTakesTheCompleteOne() throws Exception {
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Files.writeString(cert, first.certificatePem());
        Files.writeString(key, first.privateKeyPem());
        SwappableKeyManager manager = new SwappableKeyManager(first);
        try (CertificateFileWatcher watcher = watch(cert, key, manager, MANUAL)) {
            String pem = second.certificatePem();
            Files.writeString(cert, pem.substring(0, pem.length() / 2));
            assertFalse(watcher.checkNow());
            assertSame(first, manager.current());

            Files.writeString(cert, pem);
            assertFalse(watcher.checkNow(), "new certificate with the old key: refused");
            assertSame(first, manager.current());

            Files.writeString(key, second.privateKeyPem());
            assertTrue(watcher.checkNow());
            assertEquals(second.sha256Hex(), manager.current().sha256Hex());
        }
    }

    @Test
    void keepsServingWhenTheFilesDisappear() throws Exception {
        KubernetesSecretVolume volume = KubernetesSecretVolume.tls(dir, first);
        SwappableKeyManager manager = new SwappableKeyManager(first);
        try (CertificateFileWatcher watcher = watch(volume.certificateFile(), volume.keyFile(), manager, MANUAL)) {
            Files.delete(volume.keyFile());
            assertFalse(watcher.checkNow());
            assertFalse(watcher.checkNow());
            assertSame(first, manager.current());
        }
    }

    @Test
    void catchesAChangeMadeBeforeItStarted() throws Exception {
        KubernetesSecretVolume volume = KubernetesSecretVolume.tls(dir, second);
        SwappableKeyManager manager = new SwappableKeyManager(first);
        try (CertificateFileWatcher ignored = watch(volume.certificateFile(), volume.keyFile(), manager, Duration.ofMillis(50))) {
            awaitCurrent(manager, second);
        }
    }

    @Test
    void pollsOnItsOwnUntilClosed() throws Exception {
        KubernetesSecretVolume volume = KubernetesSecretVolume.tls(dir, first);
        SwappableKeyManager manager = new SwappableKeyManager(first);
        CertificateFileWatcher watcher = watch(volume.certificateFile(), volume.keyFile(), manager, Duration.ofMillis(50));
        volume.update(second);
        awaitCurrent(manager, second);

        watcher.close();
        volume.update(Certificates.selfSigned());
        Thread.sleep(300);
        assertEquals(second.sha256Hex(), manager.current().sha256Hex(), "a closed watcher swaps nothing");
    }

    private CertificateFileWatcher watch(Path cert, Path key, SwappableKeyManager manager, Duration interval) {
        return CertificateFileWatcher.start(cert, key, manager, interval, reloads::add);
    }

    private static void awaitCurrent(SwappableKeyManager manager, CertifiedKey expected) throws InterruptedException {
        while (!manager.current().sha256Hex().equals(expected.sha256Hex())) {
            Thread.sleep(20);
        }
    }
}
