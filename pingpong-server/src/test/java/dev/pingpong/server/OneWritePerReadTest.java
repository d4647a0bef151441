package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import dev.pingpong.webtransport.CountingWrites;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A ping stream's handlers together: however many PINGs one read completes, their PONGs leave in one write and one flush. */
class OneWritePerReadTest {

    private final ServerMetrics metrics = new ServerMetrics();
    private final CountingWrites transport = new CountingWrites();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    OneWritePerReadTest() {
        channel.pipeline().addLast(transport, new FrameSplitter(new RecordingStream(channel, 1 << 16)),
                new FrameAnswerer(metrics), new PongWriter(metrics));
    }

    @Test
    void threePingsInOneReadAreAnsweredWithOneWriteAndOneFlush() {
        ByteBuf read = Unpooled.wrappedBuffer(Pings.ping(1, 0), Pings.ping(2, 3), Pings.ping(3, 0),
                Unpooled.wrappedBuffer(new byte[] {Frames.PING, 0, 0, 0, 4}));
        channel.writeInbound(read);
        assertEquals(1, transport.writes());
        assertEquals(1, transport.flushes());
        ByteBuf pongs = channel.readOutbound();
        assertNull(channel.readOutbound());
        Pings.assertPong(1, 0, pongs.readRetainedSlice(Frames.frameLength(0)));
        Pings.assertPong(2, 3, pongs.readRetainedSlice(Frames.frameLength(3)));
        Pings.assertPong(3, 0, pongs.readRetainedSlice(Frames.frameLength(0)));
        assertFalse(pongs.isReadable(), "the unfinished fourth PING is held back");
        pongs.release();
        assertEquals(3, metrics.pongs(ServerMetrics.Mode.STREAM).get());
        channel.finishAndReleaseAll();
        assertEquals(0, read.refCnt(), "nothing of the read is leaked");
    }
}
