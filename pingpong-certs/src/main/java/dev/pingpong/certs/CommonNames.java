package dev.pingpong.certs;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * RFC 5280 bounds a subject's common name ({@code ub-common-name}) at 64 characters; longer ones make some
 * parsers refuse the whole certificate. Names that identify something belong in subject alternative names,
 * which have no such bound; a common name is a label for people reading the certificate.
 */
public final class CommonNames {

    /** {@code ub-common-name} of RFC 5280, in characters (code points). */
    public static final int MAX_LENGTH = 64;

    /** Hex digits of the SHA-256 of the whole name that end a shortened one, so distinct names stay distinct. */
    private static final int DIGEST_HEX_DIGITS = 8;
    private static final String ELLIPSIS = "~";

    private CommonNames() {
    }

    /** {@code name} itself when it is a valid common name; IllegalArgumentException saying why not otherwise. */
    public static String require(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a non-blank common name");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("common name is " + length + " characters, RFC 5280 allows at most "
                    + MAX_LENGTH + " (put long identities in subject alternative names): " + name);
        }
        return name;
    }

    /**
     * {@code name} when it fits; otherwise its beginning, {@code ~} and the first hex digits of the SHA-256 of the
     * whole name, exactly {@value #MAX_LENGTH} characters. The same name always gives the same result.
     */
    public static String fit(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return require(name);
        }
        int keep = MAX_LENGTH - ELLIPSIS.length() - DIGEST_HEX_DIGITS;
        String prefix = name.substring(0, name.offsetByCodePoints(0, keep));
        return prefix + ELLIPSIS + HexFormat.of().formatHex(CertificateHashes.sha256(name.getBytes(StandardCharsets.UTF_8)))
                .substring(0, DIGEST_HEX_DIGITS);
    }
}
