package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameSplitterTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RecordingStream stream = new RecordingStream(channel, 100);

    FrameSplitterTest() {
        channel.pipeline().addLast(new FrameSplitter(stream));
    }

    @Test
    void framesSplitAcrossReadsComeOutWholeAndTheReceivedBuffersAreFreed() {
        ByteBuf stream = Unpooled.wrappedBuffer(Pings.ping(1, 5), Pings.ping(2, 0));
        ByteBuf first = stream.readRetainedSlice(10);
        ByteBuf rest = stream.readRetainedSlice(stream.readableBytes());
        stream.release();

        assertFalse(channel.writeInbound(first), "half a header is held back");
        assertEquals(10, this.stream.held, "and declared to the library");
        assertEquals(true, channel.writeInbound(rest));
        assertEquals(0, this.stream.held);
        ByteBuf both = channel.readInbound();
        assertNull(channel.readInbound(), "the whole frames of one read come out as one buffer");
        assertEquals(Frames.frameLength(5) + Frames.frameLength(0), both.readableBytes());
        assertEquals(1, Frames.seq(both));
        assertEquals(2, Frames.seq(both.skipBytes(Frames.frameLength(5))));
        both.release();

        assertFalse(channel.finish());
        assertEquals(0, first.refCnt());
        assertEquals(0, rest.refCnt());
    }

    @Test
    void theWholeFramesBeforeAnUnknownTypeArePassedOnBeforeItFails() {
        ByteBuf read = Unpooled.wrappedBuffer(Pings.ping(1, 0), Pings.ping(2, 0), Unpooled.wrappedBuffer(new byte[] {0x09}));
        DecoderException failed = assertThrows(DecoderException.class, () -> channel.writeInbound(read));
        assertEquals(BadInput.UNKNOWN_TYPE, assertInstanceOf(ProtocolException.class, failed.getCause()).kind());
        ByteBuf good = channel.readInbound();
        assertEquals(2 * Frames.frameLength(0), good.readableBytes());
        good.release();
        assertEquals(0, read.refCnt());
        assertFalse(channel.finish());
    }

    @Test
    void anUnknownTypeFailsOnceThenTheRestOfTheStreamIsSwallowed() {
        ByteBuf bad = Unpooled.wrappedBuffer(new byte[] {0x09, 0, 0});
        DecoderException failed = assertThrows(DecoderException.class, () -> channel.writeInbound(bad));
        assertEquals(BadInput.UNKNOWN_TYPE, assertInstanceOf(ProtocolException.class, failed.getCause()).kind());
        assertEquals(0, bad.refCnt());

        ByteBuf later = Pings.ping(3, 1);
        assertFalse(channel.writeInbound(later));
        assertEquals(0, later.refCnt());
        assertFalse(channel.finish());
    }

    @Test
    void anUnfinishedFramePastWhatTheLibraryLetsItHoldIsDropped() {
        ByteBuf ping = Pings.ping(5, 200);
        ByteBuf part = ping.readRetainedSlice(150);
        ping.release();
        assertFalse(channel.writeInbound(part));
        assertEquals(List.of("refused hold 150"), stream.calls, "the library resets the stream, nothing is thrown");
        assertEquals(0, part.refCnt());
        ByteBuf later = Pings.ping(6, 0);
        assertFalse(channel.writeInbound(later), "the rest of the stream is swallowed");
        assertEquals(0, later.refCnt());
        assertFalse(channel.finish());
    }

    @Test
    void aStreamThatGoesAwayInsideAFrameIsNoBadInput() {
        ByteBuf ping = Pings.ping(7, 8);
        assertFalse(channel.writeInbound(ping.readRetainedSlice(Frames.HEADER_LENGTH + 2)));
        ping.release();
        channel.close();
        channel.checkException();
        assertFalse(channel.finish());
    }

    @Test
    void aStreamEndingInsideAFrameIsTruncated() {
        ByteBuf ping = Pings.ping(4, 8);
        ByteBuf part = ping.readRetainedSlice(Frames.HEADER_LENGTH + 2);
        ping.release();
        assertFalse(channel.writeInbound(part));

        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        DecoderException failed = assertThrows(DecoderException.class, channel::checkException);
        assertEquals(BadInput.TRUNCATED_FRAME, assertInstanceOf(ProtocolException.class, failed.getCause()).kind());
        assertEquals(0, part.refCnt());
        assertFalse(channel.finish());
    }
}
