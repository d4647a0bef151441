package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamHeadersTest {

    @Test
    void bidiHeaderIsSignalThenSessionId() {
        ByteBuf header = StreamHeaders.encode(ByteBufAllocator.DEFAULT, true, 4);
        assertArrayEquals(new byte[] {0x40, 0x41, 0x04}, ByteBufUtil.getBytes(header));
        assertEquals(4, StreamHeaders.readBidiSessionId(header.writeByte('x')));
        assertEquals('x', header.readByte());
        header.release();
    }

    @Test
    void uniHeaderIsTypeThenSessionId() {
        ByteBuf header = StreamHeaders.encode(ByteBufAllocator.DEFAULT, false, 8);
        assertArrayEquals(new byte[] {0x40, 0x54, 0x08}, ByteBufUtil.getBytes(header));
        header.release();
    }

    @Test
    void http3FrameIsNotAWebTransportStream() {
        ByteBuf headersFrame = Unpooled.wrappedBuffer(new byte[] {0x01, 0x05, 0, 0, 0});
        assertEquals(StreamHeaders.NOT_WEBTRANSPORT, StreamHeaders.readBidiSessionId(headersFrame));
        assertEquals(5, headersFrame.readableBytes(), "nothing consumed, the HTTP/3 codec reads it all");
    }

    @Test
    void partialHeaderWaitsForMore() {
        assertEquals(StreamHeaders.INCOMPLETE, StreamHeaders.readBidiSessionId(Unpooled.EMPTY_BUFFER));
        ByteBuf signalOnly = Unpooled.wrappedBuffer(new byte[] {0x40, 0x41, (byte) 0x80, 0});
        assertEquals(StreamHeaders.INCOMPLETE, StreamHeaders.readBidiSessionId(signalOnly));
        assertEquals(4, signalOnly.readableBytes());
        // 0x41 alone starts a two-byte varint (256 here), not the signal, which is 0x40 0x41 on the wire.
        ByteBuf notTheSignal = Unpooled.wrappedBuffer(new byte[] {0x41, 0x00});
        assertEquals(StreamHeaders.NOT_WEBTRANSPORT, StreamHeaders.readBidiSessionId(notTheSignal));
    }
}
