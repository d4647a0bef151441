package dev.pingpong.operator.buildsupport;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Build step, run after fabric8's crd-generator, for what its annotations cannot say:
 * <ul>
 * <li>puts {@code additionalPrinterColumns} back in the order of the {@link AdditionalPrinterColumn} annotations on
 * the model class, because the generator sorts them by jsonPath and the column order of {@code kubectl get} is part
 * of the contract;</li>
 * <li>gives every integer the {@code format} of the Java field that holds it ({@code int32} for int and Integer,
 * {@code int64} for long and Long), so the schema says what the model can hold.</li>
 * </ul>
 *
 * <p>It is a single-source program ({@code java -cp <runtime classpath> CrdFinish.java CRD_FILE MODEL_CLASS},
 * launched by exec-maven-plugin) kept outside src/main so it never ships in the operator jar, and needs nothing
 * beyond the JDK and the operator's own classpath. It writes with the generator's own serializer and header, so
 * only the column order and the formats change; running it twice changes nothing.
 */
public final class CrdFinish {

    private CrdFinish() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CrdFinish CRD_FILE MODEL_CLASS");
        }
        Path crdFile = Path.of(args[0]);
        Class<?> model = Class.forName(args[1]);
        List<String> order = Arrays.stream(model.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();

        String text = Files.readString(crdFile, StandardCharsets.UTF_8);
        CustomResourceDefinition crd = Serialization.unmarshal(text, CustomResourceDefinition.class);
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
            if (columns != null) {
                // Stable: columns no class annotation declares (field @PrinterColumn) keep their order, last.
                columns.sort(Comparator.comparingInt(column -> rank(order, column.getName())));
            }
            addIntegerFormats(version.getSchema().getOpenAPIV3Schema(), model);
        }
        // The generator writes a comment header, then asYaml without its leading "---\n"; do the same.
        String yaml = Serialization.asYaml(crd);
        // Replaced in one move: tests of colleagues building in the same tree read this file at any moment.
        Path temporary = crdFile.resolveSibling(
                "." + crdFile.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(temporary, header(text) + yaml.substring(yaml.indexOf('\n') + 1), StandardCharsets.UTF_8);
        Files.move(temporary, crdFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Walks {@code schema} along the Java fields of {@code type}, setting each integer's format from its field. */
    private static void addIntegerFormats(JSONSchemaProps schema, Type type) {
        if (schema == null) {
            return;
        }
        Class<?> raw = raw(type);
        if ("integer".equals(schema.getType())) {
            schema.setFormat(raw == long.class || raw == Long.class ? "int64" : "int32");
        } else if ("array".equals(schema.getType()) && schema.getItems() != null && type instanceof ParameterizedType list) {
            addIntegerFormats(schema.getItems().getSchema(), list.getActualTypeArguments()[0]);
        } else if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> field(raw, name)
                    .ifPresent(field -> addIntegerFormats(property, resolve(field.getGenericType(), type))));
        }
    }

    /** The field backing JSON property {@code name} in {@code type} or its superclasses. */
    private static Optional<Field> field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                if (name.equals(property == null || property.value().isEmpty() ? field.getName() : property.value())) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    /** A field's type with the type arguments of {@code owner} filled in (CustomResource's spec is an S). */
    private static Type resolve(Type fieldType, Type owner) {
        if (fieldType instanceof TypeVariable<?> variable) {
            for (Class<?> c = raw(owner); c != null && c != Object.class; c = c.getSuperclass()) {
                if (c.getGenericSuperclass() instanceof ParameterizedType parent) {
                    TypeVariable<?>[] names = raw(parent).getTypeParameters();
                    for (int i = 0; i < names.length; i++) {
                        if (names[i].getName().equals(variable.getName())) {
                            return parent.getActualTypeArguments()[i];
                        }
                    }
                }
            }
        }
        return fieldType;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
    }

    private static int rank(List<String> order, String name) {
        int index = order.indexOf(name);
        return index < 0 ? order.size() : index;
    }

    private static String header(String text) {
        int end = 0;
        while (text.startsWith("#", end) && text.indexOf('\n', end) > 0) {
            end = text.indexOf('\n', end) + 1;
        }
        return text.substring(0, end);
    }
}
