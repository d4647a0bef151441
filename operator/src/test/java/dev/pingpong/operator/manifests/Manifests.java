package dev.pingpong.operator.manifests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's YAML: the generated CRD, samples/ and deploy/, read as Kubernetes objects or raw maps. */
public final class Manifests {

    /** Tests run in the module folder (operator/); the manifests live beside it. */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    public static final Path CRD = ROOT.resolve("crds/pingpongpairs.pingpong.dev-v1.yml");
    public static final Path SAMPLES = ROOT.resolve("samples");
    public static final Path DEPLOY = ROOT.resolve("deploy");

    public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /**
     * The CRD as the build generated it. Every build of the operator module rewrites crds/ (also a colleague's
     * build in a shared tree), so a read that catches the file half written is retried a few times.
     */
    public static CustomResourceDefinition crd() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                CustomResourceDefinition crd = SERIALIZATION.unmarshal(read(CRD), CustomResourceDefinition.class);
                if (crd != null && crd.getSpec() != null) {
                    return crd;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            pause();
        }
        throw new IllegalStateException("no complete CRD in " + CRD, last);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The openAPIV3Schema of the CRD's only version. */
    public static JSONSchemaProps schema() {
        return crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    }

    /** The *.yaml / *.yml files of a folder, sorted. */
    public static List<Path> yamlFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a (possibly multi-document) YAML file. */
    public static List<String> documents(Path file) {
        List<String> documents = new ArrayList<>();
        for (String document : read(file).split("(?m)^---\\s*$")) {
            if (!document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The folders whose files make the cluster-wide install (deploy/overlays/cluster-wide and its base). */
    public static final List<Path> CLUSTER_WIDE = List.of(DEPLOY.resolve("base"), DEPLOY.resolve("overlays/cluster-wide"));

    /**
     * Every Kubernetes object of the cluster-wide install, read from its files as they are written (kustomizations
     * excluded), typed by kind. KustomizeTest checks that kubectl kustomize renders exactly these RBAC objects.
     */
    public static List<HasMetadata> deployObjects() {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path folder : CLUSTER_WIDE) {
            for (Path file : yamlFiles(folder)) {
                if (!file.getFileName().toString().startsWith("kustomization.")) {
                    documents(file).forEach(document -> objects.add(SERIALIZATION.unmarshal(document)));
                }
            }
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> rawMap(String document) {
        try {
            return YAML.readValue(document, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
