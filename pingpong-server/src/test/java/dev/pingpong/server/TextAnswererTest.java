package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextAnswererTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final EmbeddedChannel channel = new EmbeddedChannel(new TextAnswerer(metrics));

    private static ByteBuf text(String value) {
        return Unpooled.copiedBuffer(value, StandardCharsets.US_ASCII);
    }

    private String readAnswer() {
        ByteBuf answer = channel.readInbound();
        try {
            return answer.toString(StandardCharsets.US_ASCII);
        } finally {
            answer.release();
        }
    }

    @Test
    void pingsBecomePongsInPlaceWithTheirWhitespace() {
        ByteBuf question = text("ping\n ping\t");
        channel.writeInbound(question);
        ByteBuf answer = channel.readInbound();
        assertSame(question, answer);
        assertEquals("pong\n pong\t", answer.toString(StandardCharsets.US_ASCII));
        answer.release();
        assertEquals(0, question.refCnt());
        assertEquals(2, metrics.pongs(ServerMetrics.Mode.TEXT).get());
    }

    @Test
    void aPingSplitAcrossReadsIsCountedOnceWhenComplete() {
        channel.writeInbound(text("pi"));
        assertEquals("po", readAnswer());
        assertEquals(0, metrics.pongs(ServerMetrics.Mode.TEXT).get());
        channel.writeInbound(text("ng"));
        assertEquals("ng", readAnswer());
        assertEquals(1, metrics.pongs(ServerMetrics.Mode.TEXT).get());
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertDoesNotThrow(channel::checkException);
        assertFalse(channel.finish());
    }

    @Test
    void textThatIsNotPingFailsAndTheRestIsDropped() {
        ByteBuf bad = text("pink");
        ProtocolException failed = assertThrows(ProtocolException.class, () -> channel.writeInbound(bad));
        assertEquals(BadInput.BAD_TEXT, failed.kind());
        assertEquals(0, bad.refCnt());
        ByteBuf later = text("ping");
        assertFalse(channel.writeInbound(later));
        assertEquals(0, later.refCnt());
        assertFalse(channel.finish());
    }

    @Test
    void aStreamEndingInsideAPingFails() {
        channel.writeInbound(text("pin"));
        readAnswer();
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ProtocolException failed = assertThrows(ProtocolException.class, channel::checkException);
        assertEquals(BadInput.BAD_TEXT, failed.kind());
        assertFalse(channel.finish());
    }
}
