package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.codec.Capsule;
import dev.pingpong.webtransport.codec.InitialSessionLimits;
import dev.pingpong.webtransport.codec.QuicVarint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import dev.pingpong.webtransport.SessionCreditEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
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
        stream.pipeline().addLast(new SessionFlowHandler(connection.session(0).session, flow, gauge));
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
    void aWriteThatWouldPassTheBoundFailsTheStreamAndEveryWriteWaitingOrLater() {
        ByteBuf partlySent = Unpooled.wrappedBuffer(new byte[25]);
        ByteBuf waiting = Unpooled.wrappedBuffer(new byte[3]);
        ByteBuf tooMuch = Unpooled.wrappedBuffer(new byte[5]);
        ChannelFuture first = stream.writeAndFlush(partlySent);
        ChannelFuture second = stream.writeAndFlush(waiting);
        assertEquals(18, gauge.get(), "15 of the first write and the second wait");
        ByteBuf later = Unpooled.wrappedBuffer(new byte[1]);
        List<ChannelFuture> laterWrite = new ArrayList<>();
        // An application that writes again when a write fails, while the stream is still open.
        second.addListener(f -> laterWrite.add(stream.writeAndFlush(later)));
        ChannelFuture refused = stream.writeAndFlush(tooMuch);

        Throwable cause = refused.cause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("maxBlockedSendBytesPerStream 20"), cause.getMessage());
        assertEquals(cause, first.cause(), "the part of the first write that waited is lost, so it fails too");
        assertEquals(cause, second.cause(), "nothing goes out behind the lost bytes");
        assertEquals(cause, laterWrite.get(0).cause(), "nor later");
        assertEquals(10, readOutboundBytes(), "only what the credit covered went out");
        for (ByteBuf buf : List.of(partlySent, waiting, tooMuch, later)) {
            assertEquals(0, buf.refCnt());
        }
        assertEquals(0, gauge.get());
        assertEquals(List.of("reset 0x102"), stream.shutdowns, "a uni stream of ours: reset with H3_INTERNAL_ERROR");
        stream.runPendingTasks();
        assertFalse(stream.isOpen(), "and closed");
        assertEquals(1L, connection.endpoint.counters().counters().get("limit_blocked_send_bytes_per_stream"));
        assertEquals(0, flow.sendCreditAvailable(), "the credit the first write used stays used");
        capsules.forEach(ByteBuf::release);
    }

    @Test
    void resettingTheStreamFailsWhatWaitsAndLaterWritesWithoutTakingCredit() throws Exception {
        List<Object> events = new ArrayList<>();
        stream.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(io.netty.channel.ChannelHandlerContext ctx, Object evt) {
                events.add(evt);
            }
        });
        ByteBuf waiting = Unpooled.wrappedBuffer(new byte[12]);
        ChannelFuture write = stream.writeAndFlush(waiting);
        assertEquals(10, readOutboundBytes());
        StreamShutdown.reset(stream, 0x10c);

        assertInstanceOf(ChannelOutputShutdownException.class, write.cause());
        assertEquals(0, waiting.refCnt());
        assertEquals(0, gauge.get());
        assertEquals(List.of(SessionCreditEvent.EXHAUSTED, SessionCreditEvent.RESTORED), events);
        ByteBuf later = Unpooled.wrappedBuffer(new byte[5]);
        credit(30);
        assertInstanceOf(ChannelOutputShutdownException.class, stream.writeAndFlush(later).cause());
        assertEquals(0, later.refCnt());
        assertEquals(0, readOutboundBytes(), "nothing more goes to QUIC");
        assertEquals(20, flow.sendCreditAvailable(), "the session keeps the credit the reset stream did not use");
        assertEquals(List.of("reset 0x10c"), stream.shutdowns);
        capsules.forEach(ByteBuf::release);
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
