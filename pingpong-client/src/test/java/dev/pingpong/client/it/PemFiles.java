package dev.pingpong.client.it;

import dev.pingpong.certs.CertifiedKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A certificate chain and key as the PEM files the programs read ({@code --cert}/{@code --key}, {@code --ca}). */
record PemFiles(Path cert, Path key) {

    static PemFiles write(CertifiedKey certified, Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        PemFiles files = new PemFiles(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        files.replaceWith(certified);
        return files;
    }

    /** Replaces both files, each atomically (write aside, then rename), as a careful operator would. */
    void replaceWith(CertifiedKey certified) throws IOException {
        replace(cert, certified.certificatePem());
        replace(key, certified.privateKeyPem());
    }

    private static void replace(Path file, String content) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(aside, content);
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
