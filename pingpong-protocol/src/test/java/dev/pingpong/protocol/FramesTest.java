package dev.pingpong.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FramesTest {

    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void release() {
        buffers.forEach(ByteBuf::release);
    }

    private ByteBuf buffer() {
        ByteBuf buf = Unpooled.buffer();
        buffers.add(buf);
        return buf;
    }

    private ByteBuf bytes(byte... content) {
        ByteBuf buf = Unpooled.wrappedBuffer(content);
        buffers.add(buf);
        return buf;
    }

    private ByteBuf ping(long seq, long timestamp, int payloadLength) {
        byte[] payload = new byte[payloadLength];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        return Frames.writePing(buffer(), seq, timestamp, Unpooled.wrappedBuffer(payload));
    }

    @Test
    void pingHasTheDocumentedLayout() {
        ByteBuf frame = Frames.writePing(buffer(), 0x0102030405060708L, 0x1112131415161718L, bytes((byte) 0xAB, (byte) 0xCD));
        assertEquals("01" + "0102030405060708" + "1112131415161718" + "0002" + "abcd", ByteBufUtil.hexDump(frame));
    }

    @Test
    void roundTripReadsBackEveryField() {
        ByteBuf frame = ping(42, -7, 300);
        assertEquals(Frames.frameLength(300), Frames.completeFrameLength(frame));
        assertEquals(Frames.PING, Frames.type(frame));
        assertEquals(42, Frames.seq(frame));
        assertEquals(-7, Frames.timestamp(frame));
        assertEquals(300, Frames.payloadLength(frame));
        assertEquals(0, frame.readerIndex(), "accessors do not move the reader index");
        ByteBuf payload = Frames.payload(frame);
        assertEquals(300, payload.readableBytes());
        assertEquals((byte) (299 * 7), payload.getByte(299));
    }

    @Test
    void pongEncodesLikePingWithItsOwnType() {
        ByteBuf pong = Frames.writePong(buffer(), 1, 2, bytes());
        assertEquals("02" + "0000000000000001" + "0000000000000002" + "0000", ByteBufUtil.hexDump(pong));
    }

    @Test
    void zeroAndMaximumPayloadsAreWholeFrames() {
        assertEquals(Frames.HEADER_LENGTH, Frames.completeFrameLength(ping(1, 1, 0)));
        ByteBuf max = ping(2, 2, Frames.MAX_PAYLOAD_LENGTH);
        assertEquals(Frames.MAX_FRAME_LENGTH, Frames.completeFrameLength(max));
        assertEquals(65535, Frames.payloadLength(max));
    }

    @Test
    void payloadLongerThanTheFieldIsRefused() {
        ByteBuf tooLong = Unpooled.wrappedBuffer(new byte[Frames.MAX_PAYLOAD_LENGTH + 1]);
        assertThrows(IllegalArgumentException.class, () -> Frames.writePing(buffer(), 1, 1, tooLong));
        assertThrows(IllegalArgumentException.class, () -> Frames.writeHeader(buffer(), (byte) 3, 1, 1, 0));
    }

    @Test
    void splitterWaitsForEveryByteOfAFrame() {
        ByteBuf whole = ping(9, 9, 5);
        ByteBuf cumulation = buffer();
        for (int i = 0; i < whole.readableBytes() - 1; i++) {
            cumulation.writeByte(whole.getByte(i));
            assertEquals(-1, Frames.completeFrameLength(cumulation), "after " + (i + 1) + " bytes");
        }
        cumulation.writeByte(whole.getByte(whole.readableBytes() - 1));
        assertEquals(24, Frames.completeFrameLength(cumulation));
    }

    @Test
    void splitterFindsPipelinedFramesOneAfterAnother() {
        ByteBuf stream = buffer();
        Frames.writePing(stream, 1, 10, bytes());
        Frames.writePing(stream, 2, 20, bytes((byte) 1, (byte) 2, (byte) 3));
        int first = Frames.completeFrameLength(stream);
        assertEquals(1, Frames.seq(stream));
        stream.skipBytes(first);
        assertEquals(22, Frames.completeFrameLength(stream));
        assertEquals(2, Frames.seq(stream));
        assertEquals(20, Frames.timestamp(stream));
        stream.skipBytes(22);
        assertEquals(-1, Frames.completeFrameLength(stream));
    }

    @Test
    void splitterRejectsAnUnknownTypeFromItsFirstByte() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Frames.completeFrameLength(bytes((byte) 0x07)));
        assertEquals(BadInput.UNKNOWN_TYPE, e.kind());
        assertEquals(BadInput.UNKNOWN_TYPE, assertThrows(ProtocolException.class,
                () -> Frames.completeFrameLength(bytes((byte) 0x00))).kind());
    }

    @Test
    void pingTurnsIntoPongInPlace() {
        ByteBuf frame = ping(5, 6, 3);
        byte[] before = ByteBufUtil.getBytes(frame);
        Frames.turnPingIntoPong(frame);
        byte[] after = ByteBufUtil.getBytes(frame);
        assertEquals(Frames.PONG, after[0]);
        before[0] = Frames.PONG;
        assertArrayEquals(before, after, "only the type byte changes");
    }

    @Test
    void onlyAPingTurnsIntoAPong() {
        ByteBuf pong = Frames.writePong(buffer(), 1, 1, bytes());
        assertEquals(BadInput.UNEXPECTED_TYPE, assertThrows(ProtocolException.class, () -> Frames.turnPingIntoPong(pong)).kind());
        ByteBuf unknown = bytes(new byte[Frames.HEADER_LENGTH]);
        assertEquals(BadInput.UNKNOWN_TYPE, assertThrows(ProtocolException.class, () -> Frames.turnPingIntoPong(unknown)).kind());
    }

    @Test
    void datagramWithExactlyOneFrameIsValid() {
        Frames.checkDatagram(ping(1, 1, 0));
        Frames.checkDatagram(ping(1, 1, 1000));
    }

    @Test
    void datagramShorterThanAHeaderIsTooShort() {
        assertEquals(BadInput.DATAGRAM_TOO_SHORT, datagramProblem(bytes()));
        assertEquals(BadInput.DATAGRAM_TOO_SHORT, datagramProblem(ping(1, 1, 0).writerIndex(Frames.HEADER_LENGTH - 1)));
    }

    @Test
    void datagramShorterThanItsDeclaredPayloadIsALengthMismatch() {
        assertEquals(BadInput.DATAGRAM_LENGTH_MISMATCH, datagramProblem(ping(1, 1, 10).writerIndex(Frames.HEADER_LENGTH + 9)));
    }

    @Test
    void datagramWithBytesAfterItsFrameHasTrailingBytes() {
        assertEquals(BadInput.DATAGRAM_TRAILING_BYTES, datagramProblem(ping(1, 1, 10).writeByte(0)));
    }

    @Test
    void datagramOfUnknownTypeIsRejected() {
        assertEquals(BadInput.UNKNOWN_TYPE, datagramProblem(ping(1, 1, 0).setByte(0, 0x7F)));
    }

    private static BadInput datagramProblem(ByteBuf datagram) {
        return assertThrows(ProtocolException.class, () -> Frames.checkDatagram(datagram)).kind();
    }

    @Test
    void everyBadInputHasADistinctCodeAndLabel() {
        assertEquals(BadInput.values().length,
                java.util.Arrays.stream(BadInput.values()).mapToLong(BadInput::applicationErrorCode).distinct().count());
        assertEquals(BadInput.values().length,
                java.util.Arrays.stream(BadInput.values()).map(BadInput::label).distinct().count());
        for (BadInput kind : BadInput.values()) {
            assertEquals(kind.name().toLowerCase(java.util.Locale.ROOT), kind.label());
        }
    }
}
