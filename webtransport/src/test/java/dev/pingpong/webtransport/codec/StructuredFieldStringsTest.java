package dev.pingpong.webtransport.codec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StructuredFieldStringsTest {

    @Test
    void parsesAListOfStrings() {
        assertEquals(List.of("pingpong-v1", "a \"q\" b", "x\\y"),
                StructuredFieldStrings.parseList("\"pingpong-v1\",  \"a \\\"q\\\" b\";p=1 , \"x\\\\y\""));
    }

    @Test
    void skipsItemsThatAreNotStrings() {
        assertEquals(List.of("ok"), StructuredFieldStrings.parseList("token, 12, \"ok\""));
        assertEquals(List.of(), StructuredFieldStrings.parseList(""));
        assertEquals(List.of(), StructuredFieldStrings.parseList(null));
    }

    @Test
    void rejectsAnUnterminatedString() {
        assertThrows(IllegalArgumentException.class, () -> StructuredFieldStrings.parseList("\"open"));
    }

    @Test
    void serializesAndParsesBack() {
        List<String> protocols = List.of("one", "tw\"o");
        assertEquals("\"one\", \"tw\\\"o\"", StructuredFieldStrings.serializeList(protocols));
        assertEquals(protocols, StructuredFieldStrings.parseList(StructuredFieldStrings.serializeList(protocols)));
        assertEquals("one", StructuredFieldStrings.parseString("\"one\""));
        assertNull(StructuredFieldStrings.parseString(null));
        assertThrows(IllegalArgumentException.class, () -> StructuredFieldStrings.serialize("ü"));
    }
}
