package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.SessionCloseInfo;
import dev.pingpong.webtransport.codec.Capsules;
import dev.pingpong.webtransport.codec.QuicVarint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3DataFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectStreamHandlerTest {

    private final EmbeddedConnection connection = new EmbeddedConnection(true);
    private final EmbeddedConnection.Recorded recorded = connection.session(0);
    private final EmbeddedQuicStreamChannel connectStream = recorded.connectStream;

    ConnectStreamHandlerTest() {
        connectStream.pipeline().addLast(new ConnectStreamHandler(recorded.session, connection.connection,
                ByteBufAllocator.DEFAULT));
    }

    @Test
    void aCloseCapsuleSplitAcrossDataFramesClosesTheSessionAsThePeerSaid() {
        ByteBuf capsule = Capsules.closeSession(ByteBufAllocator.DEFAULT, 42, "bye");
        Http3DataFrame head = new DefaultHttp3DataFrame(capsule.readRetainedSlice(3));
        Http3DataFrame tail = new DefaultHttp3DataFrame(capsule.readRetainedSlice(capsule.readableBytes()));
        capsule.release();

        connectStream.writeInbound(head);
        assertTrue(recorded.session.isOpen(), "half a capsule decides nothing");
        connectStream.writeInbound(tail);
        connectStream.runPendingTasks();

        assertEquals(List.of(new SessionCloseInfo(42, "bye", true, null)), recorded.closes);
        assertEquals(List.of("fin"), connectStream.shutdowns, "our FIN answers the peer's close, deferred");
        assertEquals(0, head.refCnt());
        assertEquals(0, tail.refCnt());
        assertEquals(0, connection.endpoint.stats().openSessions());
    }

    @Test
    void anUnknownCapsuleIsSkippedAndOtherFramesAreFreed() {
        ByteBuf grease = Unpooled.buffer();
        QuicVarint.write(grease, 0x17L * 0x1f + 0x29);
        QuicVarint.write(grease, 2);
        grease.writeShort(0x0102);
        Http3DataFrame data = new DefaultHttp3DataFrame(grease);
        DefaultHttp3HeadersFrame trailers = new DefaultHttp3HeadersFrame();
        connectStream.writeInbound(data, trailers);
        assertEquals(0, data.refCnt());
        assertTrue(recorded.session.isOpen());
        assertEquals(List.of(), recorded.closes);
    }

    @Test
    void aCapsuleOverTheLimitEndsTheSessionAndResetsTheConnectStream() {
        ByteBuf capsule = Capsules.closeSession(ByteBufAllocator.DEFAULT, 1, "x".repeat(100));
        Http3DataFrame frame = new DefaultHttp3DataFrame(capsule);
        connectStream.writeInbound(frame);

        assertEquals(1, recorded.closes.size());
        assertNotNull(recorded.closes.get(0).cause(), "ended as failed");
        assertFalse(recorded.closes.get(0).byPeer());
        assertEquals(List.of("stop_sending 0x10e", "reset 0x10e"), connectStream.shutdowns, "H3_MESSAGE_ERROR");
        assertEquals(0, frame.refCnt());
        assertEquals(1L, connection.endpoint.stats().counters().get(EndpointCounters.LIMIT_CAPSULE_SIZE));
    }

    @Test
    void aFinInsideACapsuleIsAProtocolError() {
        ByteBuf capsule = Capsules.closeSession(ByteBufAllocator.DEFAULT, 5, "cut");
        Http3DataFrame part = new DefaultHttp3DataFrame(capsule.readRetainedSlice(4));
        capsule.release();
        connectStream.writeInbound(part);
        connectStream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);

        assertEquals(1, recorded.closes.size());
        assertNotNull(recorded.closes.get(0).cause());
        assertEquals(1L, connection.endpoint.stats().counters().get(EndpointCounters.PROTOCOL_ERRORS));
        assertEquals(0, part.refCnt());
    }

    @Test
    void aBareFinClosesTheSessionWithCodeZero() {
        connectStream.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        connectStream.runPendingTasks();
        assertEquals(List.of(new SessionCloseInfo(0, "", true, null)), recorded.closes);
        assertNull(recorded.closes.get(0).cause());
        assertEquals(List.of("fin"), connectStream.shutdowns);
    }
}
