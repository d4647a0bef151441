package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QuicVarintTest {

    @ParameterizedTest
    @CsvSource({
            "0, 1", "63, 1",
            "64, 2", "16383, 2",
            "16384, 4", "1073741823, 4",
            "1073741824, 8", "4611686018427387903, 8"})
    void roundTripsAtEveryLengthBoundary(long value, int length) {
        ByteBuf buf = Unpooled.buffer();
        QuicVarint.write(buf, value);
        assertEquals(length, buf.readableBytes());
        assertEquals(length, QuicVarint.encodedLength(value));
        assertEquals(value, QuicVarint.peek(buf));
        assertEquals(value, QuicVarint.read(buf));
        assertEquals(0, buf.readableBytes());
        buf.release();
    }

    @Test
    void decodesTheRfc9000Examples() {
        assertEquals(151288809941952652L, QuicVarint.read(Unpooled.wrappedBuffer(new byte[] {
                (byte) 0xc2, 0x19, 0x7c, 0x5e, (byte) 0xff, 0x14, (byte) 0xe8, (byte) 0x8c})));
        assertEquals(494878333L, QuicVarint.read(Unpooled.wrappedBuffer(new byte[] {
                (byte) 0x9d, 0x7f, 0x3e, 0x7d})));
        assertEquals(15293, QuicVarint.read(Unpooled.wrappedBuffer(new byte[] {0x7b, (byte) 0xbd})));
        assertEquals(37, QuicVarint.read(Unpooled.wrappedBuffer(new byte[] {0x25})));
    }

    @Test
    void incompleteVarintConsumesNothing() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {(byte) 0x9d, 0x7f, 0x3e});
        assertEquals(QuicVarint.INCOMPLETE, QuicVarint.read(buf));
        assertEquals(3, buf.readableBytes());
        assertEquals(QuicVarint.INCOMPLETE, QuicVarint.read(Unpooled.EMPTY_BUFFER));
    }

    @Test
    void rejectsValuesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> QuicVarint.encodedLength(-1));
        assertThrows(IllegalArgumentException.class, () -> QuicVarint.encodedLength(QuicVarint.MAX_VALUE + 1));
    }
}
