package dev.pingpong.webtransport.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The slice of RFC 8941 structured fields WebTransport uses for subprotocols: a list of sf-strings
 * ({@code wt-available-protocols}) and a single sf-string ({@code wt-protocol}).
 */
public final class StructuredFieldStrings {

    private StructuredFieldStrings() {
    }

    /** Parses a list of strings; items that are not strings (tokens, numbers) are skipped, parameters ignored. */
    public static List<String> parseList(CharSequence field) {
        List<String> items = new ArrayList<>();
        if (field == null) {
            return items;
        }
        String text = field.toString();
        int i = 0;
        while (i < text.length()) {
            i = skipSpaces(text, i);
            if (i >= text.length()) {
                break;
            }
            if (text.charAt(i) == '"') {
                StringBuilder item = new StringBuilder();
                i = readString(text, i + 1, item);
                if (i < 0) {
                    throw new IllegalArgumentException("unterminated string in structured field: " + text);
                }
                items.add(item.toString());
            }
            int comma = text.indexOf(',', i);
            if (comma < 0) {
                break;
            }
            i = comma + 1;
        }
        return items;
    }

    /** Parses a single sf-string; null when the field is absent or not a string. */
    public static String parseString(CharSequence field) {
        List<String> items = field == null ? List.of() : parseList(field);
        return items.isEmpty() ? null : items.get(0);
    }

    public static String serialize(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("not an sf-string character: " + (int) c);
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    public static String serializeList(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(serialize(value));
        }
        return out.toString();
    }

    /** Reads string content from {@code i} (after the opening quote); returns the index after the closing one. */
    private static int readString(String text, int i, StringBuilder item) {
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i < text.length()) {
                c = text.charAt(i++);
            }
            item.append(c);
        }
        return -1;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
