package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.quic.QuicStreamType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class UniStreamHeaderDecoderTest {

    @Test
    void aSessionIdSplitAcrossReadsHandsTheStreamToItsSession() {
        EmbeddedConnection connection = new EmbeddedConnection(true);
        EmbeddedConnection.Recorded session = connection.session(68);
        EmbeddedQuicStreamChannel stream = connection.stream(2, QuicStreamType.UNIDIRECTIONAL, false);
        stream.pipeline().addLast("wt-uni", new UniStreamHeaderDecoder(connection.connection));

        // Netty's HTTP/3 codec consumed the type 0x54; session id 68 is the two-byte varint 0x40 0x44.
        ByteBuf first = Unpooled.wrappedBuffer(new byte[] {0x40});
        ByteBuf rest = Unpooled.wrappedBuffer(new byte[] {0x44, 'u', 'n', 'i'});
        stream.writeInbound(first);
        assertEquals(List.of(), session.streams);
        stream.writeInbound(rest);

        assertEquals(1, session.streams.size());
        assertFalse(session.streams.get(0).isBidirectional());
        assertNull(stream.pipeline().get("wt-uni"));
        ByteBuf data = stream.readInbound();
        assertEquals("uni", data.toString(StandardCharsets.US_ASCII));
        data.release();
        assertEquals(0, first.refCnt());
        assertEquals(0, rest.refCnt());
    }
}
