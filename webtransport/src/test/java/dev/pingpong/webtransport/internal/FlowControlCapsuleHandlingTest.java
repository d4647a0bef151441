package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.Capsule;
import dev.pingpong.webtransport.codec.Capsules;
import dev.pingpong.webtransport.codec.InitialSessionLimits;
import dev.pingpong.webtransport.codec.QuicVarint;
import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3Settings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flow-control capsules on a CONNECT stream: acted on in a draft-16 session with a peer whose SETTINGS declare session
 * flow control; ignored otherwise.
 */
class FlowControlCapsuleHandlingTest {

    private final EmbeddedConnection connection = new EmbeddedConnection(true);

    private EmbeddedConnection.Recorded session(InitialSessionLimits peerLimits) {
        return session(peerLimits, Draft.DRAFT_16);
    }

    private EmbeddedConnection.Recorded session(InitialSessionLimits peerLimits, Draft draft) {
        Http3Settings peer = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        peer.put(WebTransportSettings.ENABLE_WEBTRANSPORT, 1L);
        peerLimits.putInto(peer);
        connection.connection.onPeerSettings(peer);
        EmbeddedConnection.Recorded recorded = connection.session(0, draft);
        recorded.connectStream.pipeline().addLast(new ConnectStreamHandler(recorded.session, connection.connection,
                ByteBufAllocator.DEFAULT));
        return recorded;
    }

    private static Http3DataFrame capsule(long type, long value) {
        return new DefaultHttp3DataFrame(Capsules.flowControl(ByteBufAllocator.DEFAULT, type, value));
    }

    private static Http3DataFrame twoBytePayload(long type, int payload) {
        ByteBuf capsule = Unpooled.buffer();
        QuicVarint.write(capsule, type);
        QuicVarint.write(capsule, 2);
        capsule.writeShort(payload);
        return new DefaultHttp3DataFrame(capsule);
    }

    private long counter(String name) {
        return connection.endpoint.stats().counters().get(name);
    }

    @Test
    void aMaxDataThatDoesNotRaiseThePeersOwnLimitResetsTheSessionWithWtFlowControlError() {
        EmbeddedConnection.Recorded recorded = session(new InitialSessionLimits(1000, 1, 1));
        Http3DataFrame raise = capsule(Capsule.WT_MAX_DATA, 2000);
        Http3DataFrame lower = capsule(Capsule.WT_MAX_DATA, 1500);
        recorded.connectStream.writeInbound(raise);
        assertTrue(recorded.session.isOpen());
        recorded.connectStream.writeInbound(lower);

        assertFalse(recorded.session.isOpen());
        assertTrue(recorded.closes.get(0).cause().getMessage().contains("does not increase"),
                recorded.closes.get(0).toString());
        assertEquals(List.of("stop_sending 0x45d4487", "reset 0x45d4487"), recorded.connectStream.shutdowns);
        assertEquals(1L, counter(EndpointCounters.FLOW_CONTROL_ERRORS));
        assertEquals(0, raise.refCnt());
        assertEquals(0, lower.refCnt());
    }

    @Test
    void aMalformedFlowControlCapsuleIsAProtocolError() {
        EmbeddedConnection.Recorded recorded = session(new InitialSessionLimits(1000, 1, 1));
        recorded.connectStream.writeInbound(twoBytePayload(Capsule.WT_MAX_STREAMS_UNI, 0x0101)); // a varint, a stray byte

        assertEquals(List.of("stop_sending 0x10e", "reset 0x10e"), recorded.connectStream.shutdowns,
                "H3_MESSAGE_ERROR");
        assertEquals(1L, counter(EndpointCounters.PROTOCOL_ERRORS));
        assertEquals(0L, counter(EndpointCounters.FLOW_CONTROL_ERRORS));
    }

    @Test
    void anHttp2OnlyCapsuleIsAFlowControlError() {
        EmbeddedConnection.Recorded recorded = session(new InitialSessionLimits(0, 0, 1));
        recorded.connectStream.writeInbound(twoBytePayload(Capsule.WT_MAX_STREAM_DATA, 0x0405));
        assertEquals(List.of("stop_sending 0x45d4487", "reset 0x45d4487"), recorded.connectStream.shutdowns);
    }

    @Test
    void withoutFlowControlOnBothSidesItsCapsulesAreIgnored() {
        assertIgnored(session(new InitialSessionLimits(0, 0, 0)));
    }

    @Test
    void aSessionOfAnOlderDraftIgnoresThemEvenFromAPeerDeclaringFlowControl() {
        assertIgnored(session(new InitialSessionLimits(1000, 1, 1), Draft.DRAFT_13));
    }

    private static void assertIgnored(EmbeddedConnection.Recorded recorded) {
        Http3DataFrame zero = capsule(Capsule.WT_MAX_DATA, 0);
        Http3DataFrame huge = capsule(Capsule.WT_MAX_STREAMS_BIDI, Capsule.MAX_STREAMS_VALUE + 1);
        recorded.connectStream.writeInbound(zero, huge);

        assertTrue(recorded.session.isOpen(), "a peer without flow control may have sent them before our SETTINGS");
        assertEquals(List.of(), recorded.connectStream.shutdowns);
        assertEquals(0, zero.refCnt());
        assertEquals(0, huge.refCnt());
    }
}
