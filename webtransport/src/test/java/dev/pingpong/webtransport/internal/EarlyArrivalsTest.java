package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.WebTransportErrorCodes;
import dev.pingpong.webtransport.codec.HttpDatagrams;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.QuicStreamType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams and datagrams ahead of their session (draft-16 section 4.6): held within the bounds, delivered in order
 * when the session opens, refused or released (refCnt 0) when it will not.
 */
class EarlyArrivalsTest {

    private static final String REJECTED = "0x" + Long.toHexString(WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED);

    private final EmbeddedConnection connection = new EmbeddedConnection(true, Limits.builder()
            .maxBufferedStreamsPerConnection(2).maxBufferedDatagramsPerConnection(2)
            .handshakeTimeout(Duration.ofSeconds(5)).build());

    /** What a stream's application handler read, as text, and whether it saw the FIN. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        final StringBuilder text = new StringBuilder();
        boolean finished;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            text.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            finished |= evt instanceof ChannelInputShutdownEvent;
        }
    }

    /** A peer bidi stream whose header named {@code sessionId}, followed by {@code bytes}. */
    private EmbeddedQuicStreamChannel earlyStream(long streamId, long sessionId, ByteBuf bytes) {
        EmbeddedQuicStreamChannel stream = connection.stream(streamId, QuicStreamType.BIDIRECTIONAL, false);
        connection.connection.onPeerStream(stream, true, sessionId);
        if (bytes != null) {
            stream.writeInbound(bytes);
        }
        return stream;
    }

    private void datagram(long sessionId, String text) {
        connection.connection.onDatagram(HttpDatagrams.encode(ByteBufAllocator.DEFAULT, sessionId,
                Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII)));
    }

    @Test
    void aStreamAheadOfItsConnectWaitsUnreadAndReachesTheSessionWithWhatCameAlong() {
        ByteBuf early = Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII);
        EmbeddedQuicStreamChannel stream = earlyStream(1, 8, early);
        stream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertFalse(stream.config().isAutoRead(), "a held stream stops reading");
        assertEquals(1, early.refCnt(), "held, not yet delivered");
        Collector application = new Collector();
        stream.pipeline().addLast(application);
        datagram(8, "d1");

        EmbeddedConnection.Recorded session = connection.session(8);

        assertEquals(1, session.streams.size());
        assertEquals("early", application.text.toString());
        assertTrue(application.finished, "the FIN that came along is delivered after the bytes");
        assertEquals(0, early.refCnt());
        assertTrue(stream.config().isAutoRead());
        assertEquals(List.of("d1"), session.datagrams);
        assertEquals(List.of(), stream.shutdowns);
        assertEquals(0, connection.connection.earlyArrivals().heldStreams());
        assertEquals(1L, connection.endpoint.stats().counters().get("streams_buffered"));
    }

    @Test
    void pastTheBoundStreamsAreRefusedAndDatagramsDropped() {
        earlyStream(1, 8, null);
        earlyStream(5, 12, null);
        EmbeddedQuicStreamChannel third = earlyStream(9, 8, null);
        assertEquals(List.of("stop_sending " + REJECTED, "reset " + REJECTED), third.shutdowns);
        assertEquals(1L, connection.endpoint.stats().counters().get("limit_buffered_streams"));

        List<ByteBuf> datagrams = new ArrayList<>();
        for (String text : new String[] {"d1", "d2", "d3"}) {
            ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 8,
                    Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
            datagrams.add(datagram);
            connection.connection.onDatagram(datagram);
        }
        assertEquals(0, datagrams.get(2).refCnt(), "the third is dropped at once");
        assertEquals(1L, connection.endpoint.stats().counters().get("datagrams_dropped"));
        assertEquals(List.of("d1", "d2"), connection.session(8).datagrams, "the held ones arrive in order");
        assertEquals(0, datagrams.get(0).refCnt() + datagrams.get(1).refCnt());
    }

    @Test
    void aRefusedSessionRefusesItsStreamsAndReleasesItsDatagrams() {
        connection.connection.onRequestStream(12);
        ByteBuf early = Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII);
        EmbeddedQuicStreamChannel stream = earlyStream(1, 12, early);
        ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 12, Unpooled.wrappedBuffer(new byte[3]));
        connection.connection.onDatagram(datagram);

        connection.connection.settleSession(12);

        assertEquals(List.of("stop_sending " + REJECTED, "reset " + REJECTED), stream.shutdowns);
        assertEquals(0, early.refCnt());
        assertEquals(0, datagram.refCnt());
        assertEquals(0, connection.connection.earlyArrivals().heldStreams());
        assertEquals(0, connection.connection.earlyArrivals().heldDatagrams());
    }

    @Test
    void whatNeverFindsItsSessionIsRefusedAfterTheHandshakeTimeout() {
        ByteBuf early = Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII);
        EmbeddedQuicStreamChannel stream = earlyStream(1, 16, early);
        ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 16, Unpooled.wrappedBuffer(new byte[3]));
        connection.connection.onDatagram(datagram);

        connection.carrier.advanceTimeBy(5, TimeUnit.SECONDS);
        connection.carrier.runScheduledPendingTasks();

        assertEquals(List.of("stop_sending " + REJECTED, "reset " + REJECTED), stream.shutdowns);
        assertEquals(0, early.refCnt());
        assertEquals(0, datagram.refCnt());
        assertEquals(1L, connection.endpoint.stats().counters().get("streams_unknown_session"));
    }

    @Test
    void aClosingConnectionReleasesEverythingHeld() {
        ByteBuf early = Unpooled.copiedBuffer("early", StandardCharsets.US_ASCII);
        earlyStream(1, 8, early);
        ByteBuf datagram = HttpDatagrams.encode(ByteBufAllocator.DEFAULT, 8, Unpooled.wrappedBuffer(new byte[3]));
        connection.connection.onDatagram(datagram);

        connection.connection.onClosed(new IllegalStateException("gone"));

        assertEquals(0, early.refCnt());
        assertEquals(0, datagram.refCnt());
        assertEquals(0, connection.connection.earlyArrivals().heldStreams());
    }

    @Test
    void aStreamForASessionThatCannotComeIsRefusedAtOnce() {
        connection.connection.onRequestStream(8);
        connection.connection.settleSession(8);
        EmbeddedQuicStreamChannel ended = earlyStream(1, 8, null);
        // A request id below the highest seen that carried no CONNECT: no session can come for it any more.
        EmbeddedQuicStreamChannel belowTheRequestsSeen = earlyStream(5, 4, null);
        assertEquals(List.of("stop_sending " + REJECTED, "reset " + REJECTED), ended.shutdowns);
        assertEquals(List.of("stop_sending " + REJECTED, "reset " + REJECTED), belowTheRequestsSeen.shutdowns);
        assertEquals(0L, connection.endpoint.stats().counters().get("streams_buffered"));
    }

    @Test
    void aClientHoldsServerStreamsOnlyForItsOwnConnectUnderWay() {
        EmbeddedConnection client = new EmbeddedConnection(false);
        client.connection.expectSession(0);
        EmbeddedQuicStreamChannel forOurConnect = client.stream(1, QuicStreamType.BIDIRECTIONAL, false);
        client.connection.onPeerStream(forOurConnect, true, 0);
        EmbeddedQuicStreamChannel forNothing = client.stream(5, QuicStreamType.BIDIRECTIONAL, false);
        client.connection.onPeerStream(forNothing, true, 4);
        assertEquals(List.of(), forOurConnect.shutdowns);
        assertEquals(List.of("stop_sending " + REJECTED, "reset " + REJECTED), forNothing.shutdowns);
        assertEquals(1, client.session(0).streams.size());
    }
}
