package dev.pingpong.operator.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads a (ustar / pax / GNU long name) tar stream into name -> bytes; enough for image tarballs and their layers. */
final class TarEntries {

    private static final int BLOCK = 512;

    private TarEntries() {
    }

    /** Entry names in order, mapped to their content. */
    static Map<String, byte[]> read(InputStream in) throws IOException {
        return read(in, true);
    }

    /** Entry names in order (file content is skipped, not kept: a layer's jars are not needed, only their names). */
    static Set<String> names(InputStream in) throws IOException {
        return read(in, false).keySet();
    }

    private static Map<String, byte[]> read(InputStream in, boolean keepContent) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (in.readNBytes(header, 0, BLOCK) == BLOCK && !allZero(header)) {
            String sizeField = text(header, 124, 12).trim();
            long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            char type = (char) header[156];
            byte[] content = readContent(in, size, keepContent || type == 'x' || type == 'L');
            if (type == 'x') {
                longName = paxPath(content, longName);
            } else if (type == 'L') {
                longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
            } else if (type != 'g') {
                String name = longName != null ? longName : ustarName(header);
                entries.put(name, content);
                longName = null;
            }
        }
        return entries;
    }

    private static byte[] readContent(InputStream in, long size, boolean keep) throws IOException {
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (keep) {
            byte[] content = in.readNBytes((int) size);
            in.skipNBytes(padded - size);
            return content;
        }
        in.skipNBytes(padded);
        return new byte[0];
    }

    private static String ustarName(byte[] header) {
        String name = text(header, 0, 100);
        String magic = text(header, 257, 5);
        String prefix = "ustar".equals(magic) ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] records, String fallback) {
        // Records are "LEN key=value\n".
        for (String record : new String(records, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return fallback;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
