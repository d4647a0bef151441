package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.codec.Capsule;
import dev.pingpong.webtransport.codec.InitialSessionLimits;
import dev.pingpong.webtransport.codec.QuicVarint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.quic.QuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamType;
import org.junit.jupiter.api.Test;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes past the peer's session credit wait in order on the stream, bounded, and go when credit comes. */
class SessionFlowHandlerTest {

    private final EmbeddedConnection connection = new EmbeddedConnection(false);
    private final List<ByteBuf> capsules = new ArrayList<>();
    private final SessionFlowControl flow = new SessionFlowControl(
            Limits.builder().maxBlockedSendBytesPerStream(20).build(), new InitialSessionLimits(10, 1, 1),
            ByteBufAllocator.DEFAULT, capsules::add, connection.endpoint.counters());
    private final BoundedCount gauge = new BoundedCount();
    private final EmbeddedQuicStreamChannel stream = connection.stream(2, QuicStreamType.UNIDIRECTIONAL, true);

    SessionFlowHandlerTest() {
        stream.pipeline().addLast(new SessionFlowHandler(null, flow, gauge));
    }

    private void credit(long maxData) throws FlowControlViolation {
        ByteBuf payload = Unpooled.buffer();
        QuicVarint.write(payload, maxData);
        flow.onCapsule(Capsule.WT_MAX_DATA, payload);
    }

    private int readOutboundBytes() {
        int total = 0;
        for (Object out; (out = stream.readOutbound()) != null; ) {
            assertInstanceOf(ByteBuf.class, out, "data before the FIN");
            total += ((ByteBuf) out).readableBytes();
            ((ByteBuf) out).release();
        }
        return total;
    }

    @Test
    void whatTheCreditDoesNotCoverWaitsInOrderWithTheFinBehindIt() throws Exception {
        ChannelFuture first = stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[25]));
        ChannelFuture fin = stream.writeAndFlush(QuicStreamFrame.EMPTY_FIN);
        assertEquals(10, readOutboundBytes(), "the credit's worth goes at once");
        assertEquals(List.of(), stream.shutdowns);
        assertFalse(first.isDone());
        assertFalse(fin.isDone(), "the FIN waits behind the data");
        assertEquals(15, gauge.get());
        assertEquals(1, capsules.size(), "one WT_DATA_BLOCKED");

        credit(20);
        assertEquals(10, readOutboundBytes());
        assertFalse(first.isDone());
        assertEquals(2, capsules.size(), "blocked again, at the new limit");

        credit(40);
        assertEquals(5, readOutboundBytes());
        assertEquals(List.of("fin"), stream.shutdowns, "the FIN last, once the data has gone");
        assertTrue(first.isSuccess());
        assertTrue(fin.isSuccess());
        assertEquals(0, gauge.get());
        assertEquals(15, flow.sendCreditAvailable());
        capsules.forEach(ByteBuf::release);
    }

    @Test
    void aWriteThatWouldPassTheBoundFailsAtOnceAndTakesNoCredit() {
        ByteBuf tooMuch = Unpooled.wrappedBuffer(new byte[31]);
        ChannelFuture refused = stream.writeAndFlush(tooMuch);
        assertTrue(refused.cause().getMessage().contains("maxBlockedSendBytesPerStream"), refused.cause().getMessage());
        assertEquals(0, tooMuch.refCnt());
        assertNull(stream.readOutbound());
        assertEquals(10, flow.sendCreditAvailable());
        assertFalse(stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[30])).isDone(), "30 fits: 10 now, 20 waiting");
        assertEquals(20, gauge.get());
        capsules.forEach(ByteBuf::release);
        readOutboundBytes();
        stream.close();
    }

    @Test
    void closingTheStreamFailsWhatWaitsAndGivesItBack() {
        ByteBuf waiting = Unpooled.wrappedBuffer(new byte[12]);
        ChannelFuture write = stream.writeAndFlush(waiting);
        readOutboundBytes();
        stream.close();
        assertInstanceOf(ClosedChannelException.class, write.cause());
        assertEquals(0, waiting.refCnt());
        assertEquals(0, gauge.get());
        capsules.forEach(ByteBuf::release);
    }
}
