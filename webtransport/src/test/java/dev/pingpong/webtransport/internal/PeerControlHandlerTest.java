package dev.pingpong.webtransport.internal;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http3.DefaultHttp3GoAwayFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A peer's GOAWAY winds down every session of the connection, as a WT_DRAIN_SESSION would, once. */
class PeerControlHandlerTest {

    @Test
    void goAwayDrainsEverySessionOnce() {
        EmbeddedConnection connection = new EmbeddedConnection(false);
        List<Long> drained = new ArrayList<>();
        EmbeddedConnection.Recorded first = connection.session(0);
        EmbeddedConnection.Recorded second = connection.session(4);
        first.onDrain = drained::add;
        second.onDrain = drained::add;
        EmbeddedChannel control = new EmbeddedChannel(new PeerControlHandler(connection.connection));

        control.writeInbound(new DefaultHttp3GoAwayFrame(8));
        control.writeInbound(new DefaultHttp3GoAwayFrame(4));

        assertEquals(List.of(0L, 4L), drained.stream().sorted().toList());
        assertTrue(first.session.isDraining() && second.session.isDraining());
        assertTrue(first.session.isOpen(), "draining is a request, not an end");
        assertTrue(connection.connection.isPeerGoingAway());
    }
}
