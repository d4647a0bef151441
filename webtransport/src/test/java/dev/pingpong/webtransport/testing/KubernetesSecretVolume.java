package dev.pingpong.webtransport.testing;

import dev.pingpong.certs.CertifiedKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory laid out as the kubelet mounts a Secret, and updated the way it updates one: every version in a
 * hidden {@code ..<timestamp>} directory, {@code ..data} a symlink to the current version, each key a symlink
 * {@code KEY -> ..data/KEY}; an update writes a new version and atomically re-points {@code ..data}.
 */
public final class KubernetesSecretVolume {

    private final Path directory;
    private int version;

    private KubernetesSecretVolume(Path directory) {
        this.directory = directory;
    }

    /** Mounts {@code key} as a TLS Secret ({@code tls.crt}, {@code tls.key}) in {@code directory}. */
    public static KubernetesSecretVolume tls(Path directory, CertifiedKey key) throws IOException {
        KubernetesSecretVolume volume = new KubernetesSecretVolume(directory);
        volume.publish(tlsData(key));
        return volume;
    }

    public static Map<String, byte[]> tlsData(CertifiedKey key) {
        return Map.of("tls.crt", key.certificatePem().getBytes(StandardCharsets.US_ASCII),
                "tls.key", key.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
    }

    public Path certificateFile() {
        return directory.resolve("tls.crt");
    }

    public Path keyFile() {
        return directory.resolve("tls.key");
    }

    public void update(CertifiedKey key) throws IOException {
        publish(tlsData(key));
    }

    /** Writes a new version and swaps {@code ..data} to it in one rename, as the kubelet's atomic writer does. */
    public void publish(Map<String, byte[]> data) throws IOException {
        Path dataLink = directory.resolve("..data");
        Path previous = Files.isSymbolicLink(dataLink) ? directory.resolve(Files.readSymbolicLink(dataLink)) : null;
        Path next = directory.resolve("..version_" + (++version));
        Files.createDirectories(next);
        for (Map.Entry<String, byte[]> entry : data.entrySet()) {
            Files.write(next.resolve(entry.getKey()), entry.getValue());
        }
        Path temporary = directory.resolve("..data_tmp");
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, next.getFileName());
        Files.move(temporary, dataLink, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String key : data.keySet()) {
            Path link = directory.resolve(key);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", key));
            }
        }
        if (previous != null) {
            deleteTree(previous);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
