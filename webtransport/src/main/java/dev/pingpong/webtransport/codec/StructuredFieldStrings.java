package dev.pingpong.webtransport.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The slice of RFC 9651 structured fields WebTransport uses for subprotocols (draft-16 section 3.3): a List
 * whose members are Strings ({@code wt-available-protocols}) and an Item that is a String ({@code wt-protocol}).
 * Parameters are parsed and ignored. A field that does not parse, or has a member of any other type, is to be
 * ignored as a whole: both parsers throw {@link IllegalArgumentException} saying why, and callers drop the field.
 */
public final class StructuredFieldStrings {

    /** RFC 9651 integers have at most 15 digits; decimals at most 12 before the point and 3 after. */
    private static final int MAX_INTEGER_DIGITS = 15;

    private StructuredFieldStrings() {
    }

    /** Parses a List of Strings; empty when the field is absent or empty. */
    public static List<String> parseList(CharSequence field) {
        List<String> items = new ArrayList<>();
        if (field == null) {
            return items;
        }
        Cursor in = new Cursor(field.toString());
        in.skipSpaces();
        while (!in.atEnd()) {
            items.add(in.stringItem());
            in.skipOptionalWhitespace();
            if (in.atEnd()) {
                return items;
            }
            in.expect(',');
            in.skipOptionalWhitespace();
            if (in.atEnd()) {
                throw in.malformed("trailing comma");
            }
        }
        return items;
    }

    /** Parses an Item that is a String; null when the field is absent. */
    public static String parseItem(CharSequence field) {
        if (field == null) {
            return null;
        }
        Cursor in = new Cursor(field.toString());
        in.skipSpaces();
        String item = in.stringItem();
        in.skipSpaces();
        if (!in.atEnd()) {
            throw in.malformed("more than one item");
        }
        return item;
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

    /** A position in the field's text, with RFC 9651's parsing steps for the types that occur. */
    private static final class Cursor {

        private final String text;
        private int i;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return i >= text.length();
        }

        private char peek() {
            return text.charAt(i);
        }

        IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("structured field " + why + " at " + i + ": " + text);
        }

        void expect(char c) {
            if (atEnd() || peek() != c) {
                throw malformed("expects '" + c + "'");
            }
            i++;
        }

        void skipSpaces() {
            while (!atEnd() && peek() == ' ') {
                i++;
            }
        }

        void skipOptionalWhitespace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                i++;
            }
        }

        /** An sf-item that must be a String; its parameters are checked and dropped. */
        String stringItem() {
            if (atEnd() || peek() != '"') {
                throw malformed(atEnd() ? "ends where an item belongs" : "member that is no String");
            }
            String value = string();
            parameters();
            return value;
        }

        private String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(i++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd() || (peek() != '"' && peek() != '\\')) {
                        throw malformed("escape other than \\\" or \\\\");
                    }
                    c = text.charAt(i++);
                } else if (c < 0x20 || c > 0x7e) {
                    throw malformed("character 0x" + Integer.toHexString(c) + " in a String");
                }
                value.append(c);
            }
            throw malformed("unterminated String");
        }

        private void parameters() {
            while (!atEnd() && peek() == ';') {
                i++;
                skipSpaces();
                key();
                if (!atEnd() && peek() == '=') {
                    i++;
                    bareItem();
                }
            }
        }

        private void key() {
            if (atEnd() || !(isLowerAlpha(peek()) || peek() == '*')) {
                throw malformed("parameter key");
            }
            while (!atEnd() && (isLowerAlpha(peek()) || isDigit(peek()) || "_-.*".indexOf(peek()) >= 0)) {
                i++;
            }
        }

        /** Any bare item, as a parameter value may be: checked for syntax, value dropped. */
        private void bareItem() {
            if (atEnd()) {
                throw malformed("missing parameter value");
            }
            char c = peek();
            if (c == '"') {
                string();
            } else if (c == '-' || isDigit(c)) {
                number();
            } else if (c == '?') {
                i++;
                if (atEnd() || (peek() != '0' && peek() != '1')) {
                    throw malformed("boolean");
                }
                i++;
            } else if (c == ':') {
                i++;
                while (!atEnd() && peek() != ':') {
                    if (!isBase64(peek())) {
                        throw malformed("byte sequence");
                    }
                    i++;
                }
                expect(':');
            } else if (c == '@') {
                i++;
                number();
            } else if (isAlpha(c) || c == '*') {
                i++;
                while (!atEnd() && isTokenChar(peek())) {
                    i++;
                }
            } else {
                throw malformed("parameter value");
            }
        }

        private void number() {
            if (!atEnd() && peek() == '-') {
                i++;
            }
            int digits = digits();
            if (digits == 0 || digits > MAX_INTEGER_DIGITS) {
                throw malformed("number");
            }
            if (!atEnd() && peek() == '.') {
                i++;
                int fraction = digits();
                if (digits > 12 || fraction < 1 || fraction > 3) {
                    throw malformed("decimal");
                }
            }
        }

        private int digits() {
            int start = i;
            while (!atEnd() && isDigit(peek())) {
                i++;
            }
            return i - start;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isLowerAlpha(char c) {
            return c >= 'a' && c <= 'z';
        }

        private static boolean isAlpha(char c) {
            return isLowerAlpha(c) || (c >= 'A' && c <= 'Z');
        }

        private static boolean isBase64(char c) {
            return isAlpha(c) || isDigit(c) || c == '+' || c == '/' || c == '=';
        }

        /** RFC 9110 tchar, plus ':' and '/' as sf-token allows. */
        private static boolean isTokenChar(char c) {
            return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
        }
    }
}
