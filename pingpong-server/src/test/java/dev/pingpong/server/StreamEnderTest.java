package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class StreamEnderTest {

    /** The stream as StreamEnder sees it: what it was asked to do, in order. */
    private final class RecordingStream implements WebTransportStream {
        final List<String> calls;

        RecordingStream(List<String> calls) {
            this.calls = calls;
        }

        @Override
        public Channel channel() {
            return channel;
        }

        @Override
        public WebTransportSession session() {
            return (WebTransportSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {WebTransportSession.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "id" -> 4L;
                        case "remoteAddress" -> new InetSocketAddress("127.0.0.1", 9);
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public boolean isBidirectional() {
            return true;
        }

        @Override
        public boolean isLocal() {
            return false;
        }

        @Override
        public Future<Void> finish() {
            return record("finish");
        }

        @Override
        public Future<Void> reset(long applicationErrorCode) {
            return record("reset " + applicationErrorCode);
        }

        @Override
        public Future<Void> stopSending(long applicationErrorCode) {
            return record("stopSending " + applicationErrorCode);
        }

        @Override
        public void abort(long applicationErrorCode) {
            record("abort " + applicationErrorCode);
        }

        private Future<Void> record(String call) {
            calls.add(call);
            return channel.eventLoop().newSucceededFuture(null);
        }
    }

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

    private final List<String> calls = new ArrayList<>();
    private final ServerMetrics metrics = new ServerMetrics();
    private final Rest rest = new Rest();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    StreamEnderTest() {
        channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                calls.add("flush");
                ctx.flush();
            }
        });
        channel.pipeline().addLast(new StreamEnder(new RecordingStream(calls), new BadInputReporter(metrics)), rest);
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
