package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.HttpDatagrams;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DatagramHandlerTest {

    private final EmbeddedConnection connection = new EmbeddedConnection(true);
    private final EmbeddedChannel pipeline = new EmbeddedChannel(new DatagramHandler(connection.connection));

    private static ByteBuf datagram(long sessionId, String payload) {
        return HttpDatagrams.encode(ByteBufAllocator.DEFAULT, sessionId,
                Unpooled.copiedBuffer(payload, StandardCharsets.US_ASCII));
    }

    @Test
    void aDatagramGoesToTheSessionItsPrefixNames() {
        EmbeddedConnection.Recorded first = connection.session(0);
        EmbeddedConnection.Recorded second = connection.session(4);
        ByteBuf toSecond = datagram(4, "two");
        pipeline.writeInbound(toSecond);
        assertEquals(List.of("two"), second.datagrams);
        assertEquals(List.of(), first.datagrams);
        assertEquals(0, toSecond.refCnt());
    }

    @Test
    void aDatagramForASessionThatWillNotComeIsDroppedFreedAndCounted() {
        connection.connection.onRequestStream(8);
        connection.connection.settleSession(8);
        ByteBuf stray = datagram(8, "lost");
        pipeline.writeInbound(stray);
        assertEquals(0, stray.refCnt());
        assertEquals(1L, connection.endpoint.stats().counters().get(EndpointCounters.DATAGRAMS_DROPPED));
    }

    @Test
    void streamsPassOnToTheHttp3Handler() {
        Object stream = new Object();
        pipeline.writeInbound(stream);
        assertSame(stream, pipeline.readInbound());
    }
}
