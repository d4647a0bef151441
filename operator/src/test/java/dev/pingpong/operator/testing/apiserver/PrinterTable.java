package dev.pingpong.operator.testing.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real API server answers {@code kubectl get} (Accept {@code as=Table}) for custom resources: a
 * meta.k8s.io/v1 Table with a Name column and the CRD's additionalPrinterColumns, each cell the column's JSONPath
 * on the object (absent: null, which kubectl prints as {@code <none>}), dates as the age kubectl shows
 * (apiextensions-apiserver's tableconvertor: a time more than a second in the future is {@code <invalid>}).
 * JSONPath: the dotted paths and the {@code [?(@.field=="value")]} filter the CRD uses.
 */
final class PrinterTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILTER = Pattern.compile("(\\w+)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\]");

    private final List<CustomResourceColumnDefinition> columns;

    PrinterTable(List<CustomResourceColumnDefinition> columns) {
        this.columns = columns;
    }

    /** The Table for {@code listOrObject} (a list, or one object) as the store answered it. */
    String render(JsonNode listOrObject, Instant now) {
        ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.set("metadata", listOrObject.path("metadata").deepCopy());
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", "Name of the object").put("priority", 0);
        for (CustomResourceColumnDefinition column : columns) {
            definitions.addObject().put("name", column.getName()).put("type", column.getType())
                    .put("format", column.getFormat() == null ? "" : column.getFormat())
                    .put("description", column.getDescription() == null ? "" : column.getDescription())
                    .put("priority", column.getPriority() == null ? 0 : column.getPriority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : listOrObject.has("items") ? listOrObject.get("items") : JSON.createArrayNode()
                .add(listOrObject)) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (CustomResourceColumnDefinition column : columns) {
                JsonNode value = evaluate(object, column.getJsonPath());
                if (value == null || value.isNull()) {
                    cells.addNull();
                } else if ("date".equals(column.getType())) {
                    cells.add(age(Instant.parse(value.asText()), now));
                } else {
                    cells.add(value.deepCopy());
                }
            }
            ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                    .put("apiVersion", "meta.k8s.io/v1");
            partial.set("metadata", object.path("metadata").deepCopy());
        }
        return table.toString();
    }

    private static JsonNode evaluate(JsonNode object, String path) {
        JsonNode at = object;
        for (String step : path.substring(1).split("\\.(?![^\\[]*\\])")) {
            Matcher filter = FILTER.matcher(step);
            if (filter.matches()) {
                JsonNode match = null;
                for (JsonNode element : at.path(filter.group(1))) {
                    if (filter.group(3).equals(element.path(filter.group(2)).asText())) {
                        match = element;
                        break;
                    }
                }
                at = match;
            } else {
                at = at.get(step);
            }
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** Kubernetes' duration.HumanDuration of the time since {@code then}. */
    static String age(Instant then, Instant now) {
        long seconds = Duration.between(then, now).toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            return hours % 24 == 0 ? hours / 24 + "d" : hours / 24 + "d" + hours % 24 + "h";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        }
        long days = hours / 24;
        if (days < 365 * 8) {
            return days % 365 == 0 ? days / 365 + "y" : days / 365 + "y" + days % 365 + "d";
        }
        return days / 365 + "y";
    }
}
