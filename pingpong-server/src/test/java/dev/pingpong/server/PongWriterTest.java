package dev.pingpong.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PongWriterTest {

    /** Counts flushes; while {@code holding}, keeps them from the transport, as a peer that does not read would. */
    private static final class Transport extends ChannelOutboundHandlerAdapter {
        int flushes;
        boolean holding;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            if (!holding) {
                ctx.flush();
            }
        }
    }

    private final ServerMetrics metrics = new ServerMetrics();
    private final Transport transport = new Transport();
    private final EmbeddedChannel channel = new EmbeddedChannel(transport, new PongWriter(metrics));

    @Test
    void answersOfOneReadBatchGoOutWithOneFlush() {
        ByteBuf a = Unpooled.wrappedBuffer(new byte[] {1});
        ByteBuf b = Unpooled.wrappedBuffer(new byte[] {2});
        channel.writeInbound(a, b);
        assertEquals(1, transport.flushes);
        assertSame(a, channel.readOutbound());
        assertSame(b, channel.readOutbound());
        a.release();
        b.release();
        assertEquals(0, a.refCnt());
        assertFalse(channel.finish());
    }

    @Test
    void theEndOfInputFlushesWhatIsPending() {
        ByteBuf last = Unpooled.wrappedBuffer(new byte[] {3});
        channel.pipeline().fireChannelRead(last);
        assertEquals(0, transport.flushes, "no read-complete yet");
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertEquals(1, transport.flushes);
        ByteBuf written = channel.readOutbound();
        assertSame(last, written);
        written.release();
        assertFalse(channel.finish());
    }

    @Test
    void aPeerThatDoesNotReadPausesReadingUntilItDrains() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        transport.holding = true;
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4}));
        assertFalse(channel.isWritable());
        assertFalse(channel.config().isAutoRead(), "reading paused");
        assertEquals(1, metrics.streamPauses.get());

        transport.holding = false;
        channel.flush();
        assertTrue(channel.isWritable());
        assertTrue(channel.config().isAutoRead(), "reading resumed");
        ByteBuf written = channel.readOutbound();
        written.release();
        assertEquals(0, written.refCnt());
        assertFalse(channel.finish());
    }
}
