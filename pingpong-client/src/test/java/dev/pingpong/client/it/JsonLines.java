package dev.pingpong.client.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the client's {@code --json} records (flat objects with one nested rtt_ms object) for assertions. */
final class JsonLines {

    private static final Pattern FIELD = Pattern.compile("\"([a-z_0-9]+)\":(\"[^\"]*\"|[-0-9.]+|null|\\{[^}]*})");

    private JsonLines() {
    }

    /** The fields of one object; nested objects are returned as their raw text. Fails on anything that is not one object. */
    static Map<String, String> parse(String line) {
        if (!line.startsWith("{") || !line.endsWith("}")) {
            throw new AssertionError("not a JSON object: " + line);
        }
        Map<String, String> fields = new TreeMap<>();
        Matcher m = FIELD.matcher(line.substring(1, line.length() - 1));
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new AssertionError("unexpected text in " + line + " at " + end);
            }
            String value = m.group(2);
            fields.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            end = m.end() + 1;
        }
        if (end < line.length() - 2) {
            throw new AssertionError("unparsed rest in " + line);
        }
        return fields;
    }

    static List<Map<String, String>> ofType(List<String> lines, String type) {
        List<Map<String, String>> records = new ArrayList<>();
        for (String line : lines) {
            Map<String, String> record = parse(line);
            if (type.equals(record.get("type"))) {
                records.add(record);
            }
        }
        return records;
    }

    static long number(Map<String, String> record, String field) {
        return Long.parseLong(record.get(field));
    }
}
