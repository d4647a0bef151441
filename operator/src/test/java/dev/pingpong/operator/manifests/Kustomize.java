package dev.pingpong.operator.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize DIR}: the objects {@code kubectl apply -k DIR} would send, rendered offline. Without
 * kubectl the tests that need it are skipped with a message, except under {@code CI=true}, where they fail
 * ({@code .ci/run} installs kubectl).
 */
final class Kustomize {

    private Kustomize() {
    }

    /** The rendered objects of the kustomization in {@code dir}, typed by kind (unknown kinds generic). */
    static List<HasMetadata> render(Path dir) {
        String kubectl = kubectl();
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            try {
                Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString())
                        .redirectOutput(output.toFile()).redirectErrorStream(false).start();
                String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(process.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize " + dir + " did not finish");
                assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + ": " + errors);
                List<HasMetadata> objects = new ArrayList<>();
                for (String document : Manifests.read(output).split("(?m)^---\\s*$")) {
                    if (!document.isBlank()) {
                        objects.add(Manifests.SERIALIZATION.unmarshal(document));
                    }
                }
                return objects;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted rendering " + dir, e);
        }
    }

    private static String kubectl() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("kubectl is not on the PATH; CI=true needs it (.ci/run installs it)");
        }
        assumeTrue(false, "kubectl is not on the PATH: the kustomize overlays are not rendered (install kubectl)");
        throw new IllegalStateException("unreachable");
    }
}
