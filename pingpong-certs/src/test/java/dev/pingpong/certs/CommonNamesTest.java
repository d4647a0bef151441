package dev.pingpong.certs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommonNamesTest {

    /** The longest namespace (a DNS label) and object name (a DNS subdomain) Kubernetes allows, and longer. */
    private static final String LONG_NAMESPACE = "n".repeat(63);
    private static final String LONG_NAME = "p".repeat(253);

    @Test
    void aNameThatFitsIsKeptAsItIs() {
        assertEquals("pingpong ca default/demo", CommonNames.fit("pingpong ca default/demo"));
        String exactly64 = "x".repeat(64);
        assertEquals(exactly64, CommonNames.fit(exactly64));
        assertEquals(exactly64, CommonNames.require(exactly64));
    }

    @Test
    void aLongNameIsShortenedToExactly64CharactersKeepingItsBeginning() {
        String full = "pingpong client " + LONG_NAMESPACE + "/" + LONG_NAME;
        String fitted = CommonNames.fit(full);

        assertEquals(CommonNames.MAX_LENGTH, fitted.length());
        assertTrue(fitted.matches("pingpong client n+~[0-9a-f]{8}"), fitted);
        assertTrue(full.startsWith(fitted.substring(0, 55)), fitted);
        assertEquals(fitted, CommonNames.require(fitted));
    }

    @Test
    void shorteningIsDeterministicAndKeepsDistinctNamesDistinct() {
        String first = "pingpong ca " + LONG_NAMESPACE + "/" + LONG_NAME;
        String second = first.substring(0, first.length() - 1) + "q";
        assertEquals(CommonNames.fit(first), CommonNames.fit(first));
        assertNotEquals(CommonNames.fit(first), CommonNames.fit(second));
    }

    @Test
    void charactersAreCountedAsCodePointsAndNeverSplit() {
        String emoji = "\uD83C\uDFD3"; // table tennis, two UTF-16 chars
        String exactly64 = emoji.repeat(64);
        assertEquals(exactly64, CommonNames.fit(exactly64));

        String fitted = CommonNames.fit(emoji.repeat(65));
        assertEquals(CommonNames.MAX_LENGTH, fitted.codePointCount(0, fitted.length()));
        assertTrue(fitted.startsWith(emoji.repeat(55) + "~"), fitted);
    }

    @Test
    void requireRefusesBlankAndOverlongNamesSayingWhy() {
        assertThrows(IllegalArgumentException.class, () -> CommonNames.require(null));
        assertThrows(IllegalArgumentException.class, () -> CommonNames.require("  "));
        assertThrows(IllegalArgumentException.class, () -> CommonNames.fit(""));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> CommonNames.require("x".repeat(65)));
        assertTrue(tooLong.getMessage().contains("65 characters, RFC 5280 allows at most 64"), tooLong.getMessage());
    }
}
