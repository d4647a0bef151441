package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
