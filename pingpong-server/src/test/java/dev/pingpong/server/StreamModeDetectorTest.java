package dev.pingpong.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class StreamModeDetectorTest {

    /** Stands for one answerer handler: notes what passed it, in the order the handlers were passed. */
    private static final class Step extends ChannelInboundHandlerAdapter {
        final String name;
        final List<String> trail;

        Step(String name, List<String> trail) {
            this.name = name;
            this.trail = trail;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            trail.add(name);
            ctx.fireChannelRead(msg);
        }
    }

    private final List<String> trail = new ArrayList<>();
    private final List<String> made = new ArrayList<>();
    private final StreamModeDetector detector = new StreamModeDetector(
            () -> answerer("frames", "split", "answer"), () -> answerer("text", "text"));
    private final EmbeddedChannel channel = new EmbeddedChannel();

    private List<ChannelHandler> answerer(String mode, String... steps) {
        made.add(mode);
        List<ChannelHandler> handlers = new ArrayList<>();
        for (String step : steps) {
            handlers.add(new Step(step, trail));
        }
        return handlers;
    }

    StreamModeDetectorTest() {
        channel.pipeline().addLast("mode", detector).addLast("writer", new Step("writer", trail));
    }

    @Test
    void aFrameTypeByteInstallsTheFrameAnswererInOrderAndHandsItTheFirstBytes() {
        ByteBuf first = Unpooled.wrappedBuffer(new byte[] {0x01, 0, 0});
        channel.writeInbound(first);
        assertEquals(List.of("frames"), made);
        assertEquals(List.of("split", "answer", "writer"), trail);
        assertNull(channel.pipeline().get("mode"), "the detector removed itself");
        assertSame(first, channel.readInbound());
        first.release();
        assertFalse(channel.finish());
    }

    @Test
    void aLeadingPInstallsTheTextAnswerer() {
        ByteBuf first = Unpooled.wrappedBuffer(new byte[] {'p', 'i'});
        channel.writeInbound(first);
        assertEquals(List.of("text"), made);
        assertEquals(List.of("text", "writer"), trail);
        ByteBuf passed = channel.readInbound();
        passed.release();
        assertEquals(0, first.refCnt());
        assertFalse(channel.finish());
    }

    @Test
    void anEmptyReadIsFreedAndDecidesNothing() {
        ByteBuf empty = Unpooled.buffer(4);
        assertFalse(channel.writeInbound(empty));
        assertEquals(0, empty.refCnt());
        assertEquals(List.of(), made);
        assertNotNull(channel.pipeline().get("mode"));
        assertFalse(channel.finish());
    }
}
