package dev.pingpong.operator.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pingpong.operator.model.Images;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the image tarballs jib builds (make images; make test builds them with -Dimages.skip=false and a scratch
 * base), so the image configuration cannot rot unseen: tag, entrypoint, non-root user, and that the layers hold
 * the main class, the dependencies and the classpath file the entrypoint names.
 * Without tarballs the test is skipped, unless -Dimages.skip=false says they were built: then it fails.
 */
class ImageTarballTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "pingpong-server, dev.pingpong.server.Main, netty-codec-http3",
            "pingpong-client, dev.pingpong.client.Main, netty-codec-http3",
            "operator, dev.pingpong.operator.Main, operator-framework-core",
    })
    void imageIsRunnableJavaAsNonRoot(String module, String mainClass, String keyDependency) throws Exception {
        Path tarball = tarball(module);
        Map<String, byte[]> image;
        try (InputStream in = Files.newInputStream(tarball)) {
            image = TarEntries.read(in);
        }
        JsonNode manifest = JSON.readTree(image.get("manifest.json")).get(0);
        // The name the operator gives the Deployments of pairs without spec images (and deploy/ the operator).
        String serverImage = Images.ofThisVersion().server();
        assertEquals(serverImage.replace("/pingpong-server:", "/" + imageName(module) + ":"),
                manifest.get("RepoTags").get(0).asText());

        JsonNode config = JSON.readTree(image.get(manifest.get("Config").asText())).get("config");
        List<String> entrypoint = strings(config.get("Entrypoint"));
        assertEquals("java", entrypoint.get(0), "entrypoint " + entrypoint);
        assertEquals(mainClass, entrypoint.get(entrypoint.size() - 1), "entrypoint " + entrypoint);
        int cp = entrypoint.indexOf("-cp");
        assertTrue(cp > 0, "entrypoint sets a classpath: " + entrypoint);
        String classpathArgument = entrypoint.get(cp + 1);
        assertUserIsNotRoot(config.get("User").asText());

        List<String> files = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            byte[] compressed = image.get(layer.asText());
            assertTrue(compressed != null && compressed.length > 0, "layer " + layer.asText() + " is in the tarball");
            files.addAll(layerFiles(compressed));
        }
        assertTrue(files.contains("app/classes/" + mainClass.replace('.', '/') + ".class"), "main class in a layer");
        assertTrue(files.stream().anyMatch(f -> f.startsWith("app/libs/" + keyDependency)), keyDependency + " in a layer");
        if (classpathArgument.startsWith("@")) {
            assertTrue(files.contains(classpathArgument.substring(2)), "classpath file " + classpathArgument + " in a layer");
        }
        assertEquals(manifest.get("Layers").size(),
                JSON.readTree(image.get(manifest.get("Config").asText())).get("rootfs").get("diff_ids").size());
    }

    private static String imageName(String module) {
        return module.equals("operator") ? "pingpong-operator" : module;
    }

    private static void assertUserIsNotRoot(String user) {
        assertFalse(user.isEmpty(), "a user is set");
        String uid = user.split(":")[0];
        assertTrue(uid.matches("[0-9]+"), "numeric uid (runAsNonRoot needs one): " + user);
        assertNotEquals(0, Integer.parseInt(uid), "not root: " + user);
    }

    private static List<String> layerFiles(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return TarEntries.names(in).stream().map(name -> name.startsWith("/") ? name.substring(1) : name).toList();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** MODULE/BUILD_DIR/jib-image.tar, BUILD_DIR being the folder this test was compiled into (target, target-x...). */
    private static Path tarball(String module) throws URISyntaxException {
        Path testClasses = Path.of(ImageTarballTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String buildDir = testClasses.getParent().getFileName().toString();
        Path tarball = Path.of("..", module, buildDir, "jib-image.tar");
        if (!Files.isRegularFile(tarball)) {
            if ("false".equals(System.getProperty("images.skip"))) {
                fail("images were to be built (-Dimages.skip=false) but " + tarball + " is missing");
            }
            Assumptions.abort("no " + tarball + ": build images with make images JIB_FROM=scratch");
        }
        return tarball;
    }
}
