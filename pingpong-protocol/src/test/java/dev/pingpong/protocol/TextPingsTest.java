package dev.pingpong.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextPingsTest {

    private static String answer(TextPings text, String question) {
        ByteBuf buf = Unpooled.copiedBuffer(question, StandardCharsets.US_ASCII);
        try {
            text.turnPingsIntoPongs(buf);
            return buf.toString(StandardCharsets.US_ASCII);
        } finally {
            buf.release();
        }
    }

    @Test
    void textModeIsChosenByALowerCaseP() {
        assertTrue(TextPings.startsText((byte) 'p'));
        assertFalse(TextPings.startsText(Frames.PING));
        assertFalse(TextPings.startsText((byte) 'P'));
    }

    @Test
    void eachPingIsAnsweredWithPongKeepingTheSeparators() {
        TextPings text = new TextPings();
        assertEquals("pong\npong\r\n pong\tpongpong ", answer(text, "ping\nping\r\n ping\tpingping "));
        assertDoesNotThrow(text::checkEnd);
    }

    @Test
    void aPingSplitAcrossReadsIsStillAnswered() {
        TextPings text = new TextPings();
        assertEquals("p", answer(text, "p"));
        assertEquals("o", answer(text, "i"));
        assertEquals("ng\npo", answer(text, "ng\npi"));
        assertThrows(ProtocolException.class, text::checkEnd, "the stream ended inside the second ping");
        assertEquals("ng", answer(text, "ng"));
        assertDoesNotThrow(text::checkEnd);
    }

    @Test
    void eachReadCountsThePingsItCompletesInTheSamePass() {
        TextPings text = new TextPings();
        assertEquals(2, count(text, "ping ping pi"));
        assertEquals(0, count(text, "n"));
        assertEquals(1, count(text, "g\n"));
        assertEquals(0, count(text, " \t"));
    }

    private static int count(TextPings text, String question) {
        ByteBuf buf = Unpooled.copiedBuffer(question, StandardCharsets.US_ASCII);
        try {
            return text.turnPingsIntoPongs(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void anythingButPingIsBadText() {
        for (String bad : new String[] {"pong", "PING", "pin g", "ping, ping", "pingx", "hello"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> answer(new TextPings(), bad), bad);
            assertEquals(BadInput.BAD_TEXT, e.kind());
        }
    }

    @Test
    void aStreamEndingInsideAPingIsBadText() {
        TextPings text = new TextPings();
        answer(text, "ping pin");
        assertEquals(BadInput.BAD_TEXT, assertThrows(ProtocolException.class, text::checkEnd).kind());
    }
}
