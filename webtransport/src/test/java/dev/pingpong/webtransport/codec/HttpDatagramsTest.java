package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class HttpDatagramsTest {

    @Test
    void prefixIsTheQuarterStreamId() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 400, payload);
        assertEquals(0, payload.refCnt(), "encode takes ownership of the payload");
        assertEquals(2, HttpDatagrams.prefixLength(400));
        assertArrayEquals(new byte[] {0x40, 100, 1, 2, 3}, ByteBufUtil.getBytes(datagram));
        assertEquals(400, HttpDatagrams.readSessionId(datagram));
        assertArrayEquals(new byte[] {1, 2, 3}, ByteBufUtil.getBytes(datagram));
        datagram.release();
    }

    @Test
    void sessionZeroHasAOneBytePrefix() {
        ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 0, Unpooled.EMPTY_BUFFER);
        assertEquals(1, datagram.readableBytes());
        assertEquals(0, HttpDatagrams.readSessionId(datagram));
        datagram.release();
    }

    @Test
    void emptyDatagramHasNoSession() {
        assertEquals(-1, HttpDatagrams.readSessionId(Unpooled.EMPTY_BUFFER));
    }

    @Test
    void aQuarterStreamIdBeyondTheLastStreamIsNoSession() {
        // The fuzzer's find: an 8-byte varint 0x3f98ff78095c495c shifted into a negative session id.
        ByteBuf datagram = Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0x98, (byte) 0xff, 0x78, 0x09, 0x5c, 0x49, 0x5c});
        assertEquals(-1, HttpDatagrams.readSessionId(datagram));
        assertEquals(0, datagram.readerIndex(), "nothing consumed");
        ByteBuf largest = Unpooled.buffer();
        QuicVarint.write(largest, HttpDatagrams.MAX_QUARTER_STREAM_ID);
        assertEquals(HttpDatagrams.MAX_QUARTER_STREAM_ID << 2, HttpDatagrams.readSessionId(largest));
    }

    @Test
    void aPayloadWithRoomBeforeItGetsItsPrefixInPlace() {
        ByteBuf payload = Unpooled.directBuffer(16).writerIndex(8).readerIndex(8).writeBytes(new byte[] {7, 7});
        ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 400, payload);
        assertSame(payload, datagram, "no copy");
        assertEquals(6, datagram.readerIndex(), "the two-byte prefix of quarter id 100 sits right before the payload");
        assertEquals(400, HttpDatagrams.readSessionId(datagram));
        assertEquals(2, datagram.readableBytes());
        assertEquals(7, datagram.getByte(datagram.readerIndex()));
        datagram.release();
    }

    @Test
    void aSharedPayloadIsCopiedNotWrittenInto() {
        ByteBuf whole = Unpooled.buffer(16).writeBytes(new byte[] {1, 2, 3, 4, 5, 6});
        ByteBuf view = whole.retainedSlice(4, 2);
        ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 0, view);
        assertNotSame(view, datagram);
        assertEquals(1, whole.refCnt(), "the view was released");
        assertEquals(4, whole.getByte(3), "the bytes before the view are untouched");
        assertEquals(0, HttpDatagrams.readSessionId(datagram));
        assertEquals(5, datagram.readByte());
        datagram.release();
        whole.release();
        assertEquals(0, whole.refCnt());
    }
}
