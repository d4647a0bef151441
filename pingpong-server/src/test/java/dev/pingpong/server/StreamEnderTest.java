package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.ProtocolException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class StreamEnderTest {

    /** After the ender: what it passes on. */
    private static final class Rest extends ChannelInboundHandlerAdapter {
        final List<Object> events = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.add(cause);
        }
    }

    private final ServerMetrics metrics = new ServerMetrics();
    private final Rest rest = new Rest();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RecordingStream stream = new RecordingStream(channel, Long.MAX_VALUE);
    private final List<String> calls = stream.calls;

    StreamEnderTest() {
        channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                calls.add("flush");
                ctx.flush();
            }
        });
        channel.pipeline().addLast(new StreamEnder(stream, new BadInputReporter(metrics)), rest);
    }

    @Test
    void aCleanEndOfInputGetsAFin() {
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertEquals(List.of("finish"), calls);
        assertEquals(List.of(ChannelInputShutdownEvent.INSTANCE), rest.events);
        assertFalse(channel.finish());
    }

    @Test
    void badInputFlushesTheGoodPongsThenAbortsOnce() {
        long code = BadInput.UNKNOWN_TYPE.applicationErrorCode();
        channel.pipeline().fireExceptionCaught(new DecoderException(
                new ProtocolException(BadInput.UNKNOWN_TYPE, "unknown frame type 0x09")));
        assertEquals(List.of("flush", "abort " + code), calls);
        assertEquals(1, metrics.badInput(BadInput.UNKNOWN_TYPE).get());

        channel.pipeline().fireExceptionCaught(new ProtocolException(BadInput.BAD_TEXT, "again"));
        channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertEquals(2, calls.size(), "no second abort, and no FIN on an aborted stream");
        assertEquals(0, metrics.badInput(BadInput.BAD_TEXT).get());
        assertEquals(List.of(), rest.failures);
        assertFalse(channel.finish());
    }

    @Test
    void otherFailuresGoOnToTheLibrary() {
        IllegalStateException other = new IllegalStateException("not bad input");
        channel.pipeline().fireExceptionCaught(other);
        assertEquals(List.of(), calls);
        assertEquals(1, rest.failures.size());
        assertSame(other, rest.failures.get(0));
        assertFalse(channel.finish());
    }
}
