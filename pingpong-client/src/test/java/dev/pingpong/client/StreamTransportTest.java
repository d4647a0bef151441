package dev.pingpong.client;

import dev.pingpong.protocol.Frames;
import dev.pingpong.webtransport.CountingWrites;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StreamTransportTest {

    private final CountingWrites counting = new CountingWrites();
    private final EmbeddedChannel channel = new EmbeddedChannel(counting);
    /** Every buffer the transport allocates, to check none is leaked. */
    private final List<ByteBuf> allocated = new ArrayList<>();
    private final List<Long> pongs = new ArrayList<>();
    private long nextSeq = 1;
    private StreamTransport transport;

    StreamTransportTest() {
        channel.config().setAllocator(new AbstractByteBufAllocator() {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                return record(Unpooled.buffer(initialCapacity, maxCapacity));
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                return record(Unpooled.directBuffer(initialCapacity, maxCapacity));
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        });
        WebTransportStream stream = (WebTransportStream) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebTransportStream.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "channel" -> channel;
                    case "finish" -> channel.newSucceededFuture();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        transport = new StreamTransport(stream, new PingPayload(2), new PingTransport.PongSink() {
            @Override
            public void pong(long seq, long receivedNanos) {
                // As the pacer does in flood mode: each settled ping lets the next one out at once.
                pongs.add(seq);
                transport.write(nextSeq++, receivedNanos);
                transport.flush();
            }

            @Override
            public void broken(String reason) {
                throw new AssertionError(reason);
            }
        });
    }

    private ByteBuf record(ByteBuf buffer) {
        allocated.add(buffer);
        return buffer;
    }

    @Test
    void thePingsOfAWindowGoOutInOneWrite() {
        for (int i = 0; i < 3; i++) {
            transport.write(nextSeq++, 0);
        }
        transport.flush();
        assertEquals(1, counting.writes());
        assertEquals(1, counting.flushes());
        ByteBuf written = channel.readOutbound();
        assertNull(channel.readOutbound());
        assertEquals(3 * Frames.frameLength(2), written.readableBytes());
        assertEquals(3, Frames.seq(written.skipBytes(2 * Frames.frameLength(2))));
        written.release();
    }

    @Test
    void thePingsThatPongsOfOneReadLetOutLeaveWithOneWriteAndOneFlushAtTheEndOfTheRead() {
        ByteBuf pongsRead = Unpooled.buffer();
        for (long seq = 1; seq <= 4; seq++) {
            Frames.writePong(pongsRead, seq, 0, Unpooled.wrappedBuffer(new byte[2]));
        }
        channel.writeInbound(pongsRead);
        assertEquals(List.of(1L, 2L, 3L, 4L), pongs);
        assertEquals(1, counting.writes(), "four refills, one write");
        assertEquals(1, counting.flushes(), "and one flush, at the end of the read");
        ByteBuf written = channel.readOutbound();
        assertEquals(4 * Frames.frameLength(2), written.readableBytes());
        written.release();
        assertEquals(0, pongsRead.refCnt());
    }

    @Test
    void closingReleasesPingsNotFlushed() {
        transport.write(nextSeq++, 0);
        transport.close();
        assertEquals(1, allocated.size());
        assertEquals(0, allocated.get(0).refCnt());
        assertNull(channel.readOutbound());
        channel.finishAndReleaseAll();
    }
}
