package dev.pingpong.webtransport.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StructuredFieldStringsTest {

    @Test
    void parsesAListOfStringsAndIgnoresTheirParameters() {
        assertEquals(List.of("pingpong-v1", "a \"q\" b", "x\\y"), StructuredFieldStrings.parseList(
                "\"pingpong-v1\",  \"a \\\"q\\\" b\";p=1;q;r=?0;s=:aGk=:;t=tok/x;u=1.5;v=\"s\" ,\t\"x\\\\y\""));
        assertEquals(List.of(), StructuredFieldStrings.parseList(""));
        assertEquals(List.of(), StructuredFieldStrings.parseList("   "));
        assertEquals(List.of(), StructuredFieldStrings.parseList(null));
    }

    /** Draft-16 section 3.3: any member that is no String makes the whole field ignored, as does bad syntax. */
    @ParameterizedTest
    @ValueSource(strings = {
            "token, \"ok\"",            // a Token member
            "\"ok\", 12",               // an Integer
            "\"ok\", 1.5",              // a Decimal
            "\"ok\", ?1",               // a Boolean
            "\"ok\", :aGk=:",           // a Byte Sequence
            "\"ok\", (\"a\" \"b\")",    // an Inner List
            "\"ok\", @1700000000",      // a Date
            "\"open",                   // unterminated
            "\"ok\",",                  // trailing comma
            "\"ok\" \"no comma\"",      // two items without a comma
            "\"bad \\n escape\"",       // an escape other than \" and \\
            "\"tab\there\"",            // a control character inside a String
            "\"ok\";P=1",               // an upper-case parameter key
            "\"ok\";p=",                // a parameter without its value
            "\"ok\";p=1234567890123456", // an Integer of 16 digits
            "\"ok\";p=1.2345",          // a Decimal with 4 fraction digits
            "\"ok\";p=?2",              // not a Boolean
            ",\"ok\"",                  // an empty first member
    })
    void aFieldWithAnythingButStringsIsRefusedWhole(String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuredFieldStrings.parseList(field));
        assertEquals(true, e.getMessage().startsWith("structured field "), e.getMessage());
    }

    @Test
    void parsesAnItemThatIsAString() {
        assertEquals("one", StructuredFieldStrings.parseItem(" \"one\";q=1 "));
        assertNull(StructuredFieldStrings.parseItem(null));
        assertThrows(IllegalArgumentException.class, () -> StructuredFieldStrings.parseItem("one"));
        assertThrows(IllegalArgumentException.class, () -> StructuredFieldStrings.parseItem("\"one\", \"two\""));
        assertThrows(IllegalArgumentException.class, () -> StructuredFieldStrings.parseItem(""));
    }

    @Test
    void serializesAndParsesBack() {
        List<String> protocols = List.of("one", "tw\"o", "th\\ree");
        assertEquals("\"one\", \"tw\\\"o\", \"th\\\\ree\"", StructuredFieldStrings.serializeList(protocols));
        assertEquals(protocols, StructuredFieldStrings.parseList(StructuredFieldStrings.serializeList(protocols)));
        assertEquals("tw\"o", StructuredFieldStrings.parseItem(StructuredFieldStrings.serialize("tw\"o")));
        assertThrows(IllegalArgumentException.class, () -> StructuredFieldStrings.serialize("ü"));
    }
}
