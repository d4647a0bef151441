package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BidiStreamHeaderDecoderTest {

    /** Stands for Netty's HTTP/3 request handlers behind the decoder: keeps what reaches it. */
    private static final class Http3Stand extends ChannelInboundHandlerAdapter {
        final List<ByteBuf> received = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.add((ByteBuf) msg);
        }
    }

    private final Http3Stand http3 = new Http3Stand();

    private EmbeddedQuicStreamChannel peerStream(EmbeddedConnection connection, boolean server) {
        EmbeddedQuicStreamChannel stream = connection.stream(4, QuicStreamType.BIDIRECTIONAL, false);
        stream.pipeline().addLast("wt-detect", new BidiStreamHeaderDecoder(connection.connection, server))
                .addLast("http3", http3);
        return stream;
    }

    @Test
    void theSignalAndSessionIdHandTheRawStreamToTheSessionWithTheBytesAfterThem() {
        EmbeddedConnection connection = new EmbeddedConnection(true);
        EmbeddedConnection.Recorded session = connection.session(0);
        EmbeddedQuicStreamChannel stream = peerStream(connection, true);

        // 0x41 as a two-byte varint, split across reads; then session id 0 and two bytes of data.
        ByteBuf first = Unpooled.wrappedBuffer(new byte[] {0x40});
        ByteBuf rest = Unpooled.wrappedBuffer(new byte[] {0x41, 0x00, 'h', 'i'});
        stream.writeInbound(first);
        assertTrue(session.session.isOpen());
        assertEquals(List.of(), session.streams);
        stream.writeInbound(rest);

        assertEquals(1, session.streams.size());
        assertSame(stream, session.streams.get(0).channel());
        assertNull(stream.pipeline().get("http3"), "the HTTP/3 handlers are gone");
        assertNull(stream.pipeline().get("wt-detect"));
        ByteBuf data = stream.readInbound();
        assertEquals("hi", data.toString(StandardCharsets.US_ASCII));
        data.release();
        assertEquals(0, first.refCnt());
        assertEquals(0, rest.refCnt());
        assertEquals(List.of(), http3.received);
    }

    @Test
    void anHttp3RequestOnAServerPassesThroughUntouched() {
        EmbeddedConnection connection = new EmbeddedConnection(true);
        EmbeddedQuicStreamChannel stream = peerStream(connection, true);
        ByteBuf headersFrame = Unpooled.wrappedBuffer(new byte[] {0x01, 0x02, 0x00, 0x00});
        stream.writeInbound(headersFrame);

        assertNull(stream.pipeline().get("wt-detect"));
        assertEquals(1, http3.received.size());
        ByteBuf passed = http3.received.get(0);
        assertEquals(4, passed.readableBytes());
        assertEquals(0x01, passed.getByte(passed.readerIndex()));
        passed.release();
        assertEquals(0, headersFrame.refCnt());
        assertEquals(List.of(), stream.shutdowns);
    }

    @Test
    void aClientRefusesAServerOpenedStreamThatIsNoWebTransportStream() {
        EmbeddedConnection connection = new EmbeddedConnection(false);
        EmbeddedQuicStreamChannel stream = peerStream(connection, false);
        ByteBuf request = Unpooled.wrappedBuffer(new byte[] {0x01, 0x02, 0x00, 0x00});
        stream.writeInbound(request);
        stream.runPendingTasks();

        assertEquals(List.of("stop_sending 0x103", "reset 0x103"), stream.shutdowns, "H3_STREAM_CREATION_ERROR");
        assertEquals(0, request.refCnt());
        assertEquals(List.of(), http3.received);
        assertTrue(!stream.isOpen(), "closed after the refusal");
    }

    @Test
    void aStreamForASessionThatWillNotComeIsRefusedAndCounted() {
        EmbeddedConnection connection = new EmbeddedConnection(true);
        connection.connection.onRequestStream(8);
        connection.connection.settleSession(8);
        EmbeddedQuicStreamChannel stream = peerStream(connection, true);
        ByteBuf header = Unpooled.wrappedBuffer(new byte[] {0x40, 0x41, 0x08, 'x'});
        stream.writeInbound(header);
        stream.runPendingTasks();

        assertEquals(List.of("stop_sending 0x3994bd84", "reset 0x3994bd84"), stream.shutdowns);
        assertEquals(1L, connection.endpoint.stats().counters().get(EndpointCounters.STREAMS_UNKNOWN_SESSION));
        // The byte after the header went on to the pipeline's tail, which frees it on a real stream.
        stream.finishAndReleaseAll();
        assertEquals(0, header.refCnt());
    }
}
