package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameAnswererTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameAnswerer(metrics));

    @Test
    void aPingBecomesItsPongInTheSameBuffer() {
        ByteBuf ping = Pings.ping(9, 3);
        channel.writeInbound(ping);
        ByteBuf pong = channel.readInbound();
        assertSame(ping, pong, "answered in place, no copy");
        assertEquals(1, pong.refCnt());
        Pings.assertPong(9, 3, pong);
        assertEquals(0, ping.refCnt());
        assertEquals(1, metrics.pings(ServerMetrics.Mode.STREAM).get());
        assertEquals(1, metrics.pongs(ServerMetrics.Mode.STREAM).get());
        assertFalse(channel.finish());
    }

    @Test
    void thePingsOfOneReadBecomeTheirPongsInOneBuffer() {
        ByteBuf pings = Unpooled.wrappedBuffer(Pings.ping(1, 0), Pings.ping(2, 4), Pings.ping(3, 1));
        channel.writeInbound(pings);
        ByteBuf pongs = channel.readInbound();
        assertSame(pings, pongs, "answered in place, one buffer for the whole read");
        assertNull(channel.readInbound());
        Pings.assertPong(1, 0, pongs.readRetainedSlice(Frames.frameLength(0)));
        Pings.assertPong(2, 4, pongs.readRetainedSlice(Frames.frameLength(4)));
        Pings.assertPong(3, 1, pongs.readRetainedSlice(Frames.frameLength(1)));
        pongs.release();
        assertEquals(0, pings.refCnt());
        assertEquals(3, metrics.pongs(ServerMetrics.Mode.STREAM).get());
        assertFalse(channel.finish());
    }

    @Test
    void thePongsBeforeAFrameThatIsNotAPingStillGoOut() {
        ByteBuf frames = Unpooled.wrappedBuffer(Pings.ping(1, 0),
                Frames.writePong(Unpooled.buffer(), 2, 2, Unpooled.EMPTY_BUFFER), Pings.ping(3, 0));
        ProtocolException failed = assertThrows(ProtocolException.class, () -> channel.writeInbound(frames));
        assertEquals(BadInput.UNEXPECTED_TYPE, failed.kind());
        ByteBuf answered = channel.readInbound();
        assertNull(channel.readInbound());
        Pings.assertPong(1, 0, answered);
        assertEquals(0, frames.refCnt());
        assertEquals(1, metrics.pongs(ServerMetrics.Mode.STREAM).get());
        assertFalse(channel.finish());
    }

    @Test
    void aFrameThatIsNotAPingFailsAndLaterFramesAreDropped() {
        ByteBuf pong = Frames.writePong(Unpooled.buffer(), 1, 1, Unpooled.EMPTY_BUFFER);
        ProtocolException failed = assertThrows(ProtocolException.class, () -> channel.writeInbound(pong));
        assertEquals(BadInput.UNEXPECTED_TYPE, failed.kind());
        assertEquals(0, pong.refCnt());

        ByteBuf ping = Pings.ping(2, 0);
        assertFalse(channel.writeInbound(ping), "the stream is being reset: nothing more is answered");
        assertEquals(0, ping.refCnt());
        assertEquals(0, metrics.pings(ServerMetrics.Mode.STREAM).get());
        assertFalse(channel.finish());
    }
}
