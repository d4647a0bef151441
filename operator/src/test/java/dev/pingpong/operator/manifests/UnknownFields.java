package dev.pingpong.operator.manifests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds fields fabric8 did not recognise while reading a manifest: its model classes keep them in
 * {@code additionalProperties} instead of failing, where a real API server with strict field validation refuses them.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /** Paths like "spec.template.spec.containers[0].readOnlyRootFileSystem"; empty when every field is known. */
    static List<String> in(Object model, String path) {
        List<String> found = new ArrayList<>();
        walk(model, path, found);
        return found;
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "[" + key + "]", found));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            // JSONSchemaProps has a schema field of that name too (an object, not the map of unknown fields).
            if (getter.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> unknown) {
                unknown.keySet().forEach(key -> found.add(path + "." + key));
            } else {
                String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(value, path.isEmpty() ? name : path + "." + name, found);
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + " on " + node.getClass().getSimpleName(), e);
        }
    }
}
