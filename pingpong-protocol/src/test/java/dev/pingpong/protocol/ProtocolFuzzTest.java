package dev.pingpong.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of what reads a peer's bytes: stream frames arriving in arbitrary pieces, datagrams, text
 * mode. Bad input may only end as a {@link ProtocolException}; whatever is accepted is a well-formed answer. Under
 * {@code make test} these run the saved inputs; {@code make fuzz} (JAZZER_FUZZ=1) searches for new ones.
 */
class ProtocolFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void streamFramesInPieces(FuzzedDataProvider data) {
        ByteBuf cumulation = Unpooled.buffer();
        try {
            while (data.remainingBytes() > 0) {
                cumulation.writeBytes(data.consumeBytes(data.consumeInt(1, 300)));
                int length;
                while ((length = Frames.completeFrameLength(cumulation)) > 0) {
                    ByteBuf frame = cumulation.readSlice(length);
                    assertEquals(Frames.frameLength(Frames.payloadLength(frame)), frame.readableBytes());
                    assertTrue(frame.readableBytes() <= Frames.MAX_FRAME_LENGTH);
                    answer(frame);
                }
                assertTrue(cumulation.readableBytes() < Frames.MAX_FRAME_LENGTH, "never more than one unfinished frame");
                cumulation.discardReadBytes();
            }
        } catch (ProtocolException expected) {
            assertTrue(expected.kind() == BadInput.UNKNOWN_TYPE || expected.kind() == BadInput.UNEXPECTED_TYPE,
                    expected.kind().label());
        } finally {
            cumulation.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void datagrams(byte[] datagram) {
        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
        try {
            Frames.checkDatagram(buf);
            assertEquals(Frames.frameLength(Frames.payloadLength(buf)), buf.readableBytes());
            answer(buf);
        } catch (ProtocolException expected) {
            // Dropped and counted by the server.
        }
    }

    @FuzzTest(maxDuration = "30s")
    void textInPieces(FuzzedDataProvider data) {
        TextPings text = new TextPings();
        try {
            while (data.remainingBytes() > 0) {
                byte[] piece = data.consumeBytes(data.consumeInt(1, 64));
                ByteBuf buf = Unpooled.wrappedBuffer(piece.clone());
                text.turnPingsIntoPongs(buf);
                assertEquals(piece.length, buf.readableBytes(), "answered in place, same layout");
                for (int i = 0; i < piece.length; i++) {
                    byte answered = buf.getByte(i);
                    assertTrue(answered == piece[i] || (piece[i] == 'i' && answered == 'o'), "only i becomes o");
                }
            }
            text.checkEnd();
        } catch (ProtocolException expected) {
            assertEquals(BadInput.BAD_TEXT, expected.kind());
        }
    }

    /** A PING becomes its PONG, anything else is refused: never another change. */
    private static void answer(ByteBuf frame) {
        long seq = Frames.seq(frame);
        byte type = Frames.type(frame);
        Frames.turnPingIntoPong(frame);
        assertEquals(Frames.PING, type);
        assertEquals(Frames.PONG, Frames.type(frame));
        assertEquals(seq, Frames.seq(frame));
    }
}
