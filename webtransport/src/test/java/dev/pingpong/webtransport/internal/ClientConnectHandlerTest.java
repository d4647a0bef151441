package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.WebTransportErrorCodes;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.WebTransportSession;
import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answer to our CONNECT: which subprotocol it may choose (draft-16 section 3.3). */
class ClientConnectHandlerTest {

    private final EmbeddedConnection connection = new EmbeddedConnection(false);
    private final EmbeddedQuicStreamChannel connectStream = connection.stream(0, QuicStreamType.BIDIRECTIONAL, true);
    private final Promise<WebTransportSession> connected = connectStream.eventLoop().newPromise();

    ClientConnectHandlerTest() {
        connectStream.pipeline().addLast(new ClientConnectHandler(connection.connection, "/p", Draft.DRAFT_16,
                List.of("one-v1", "two-v1"), new EmbeddedConnection.Recorded(), connected));
    }

    private void answer(String wtProtocol) {
        DefaultHttp3Headers headers = new DefaultHttp3Headers();
        headers.status("200");
        if (wtProtocol != null) {
            headers.add("wt-protocol", wtProtocol);
        }
        connectStream.writeInbound(new DefaultHttp3HeadersFrame(headers));
    }

    @Test
    void anOfferedChoiceIsTheSessionsProtocol() {
        answer("\"two-v1\";ignored=1");
        assertEquals(Optional.of("two-v1"), connected.getNow().protocol());
        assertEquals("draft-16", connected.getNow().draftName());
    }

    @Test
    void aChoiceWeDidNotOfferClosesWithWtAlpnError() {
        answer("\"three-v1\"");
        WebTransportException failure = (WebTransportException) connected.cause();
        assertEquals(WebTransportException.Kind.PROTOCOL, failure.kind());
        assertTrue(failure.getMessage().contains("three-v1"), failure.getMessage());
        String code = "0x" + Long.toHexString(WebTransportErrorCodes.WT_ALPN_ERROR);
        assertTrue(connectStream.shutdowns.contains("reset " + code), connectStream.shutdowns.toString());
        assertTrue(connectStream.shutdowns.contains("stop_sending " + code), connectStream.shutdowns.toString());
        assertEquals(0, connection.endpoint.stats().openSessions(), "no session slot is taken");
    }

    @Test
    void aMalformedChoiceIsIgnoredAndTheSessionHasNone() {
        answer("two-v1");
        assertEquals(Optional.empty(), connected.getNow().protocol());
    }

    @Test
    void noChoiceLeavesTheSessionWithoutProtocol() {
        answer(null);
        assertEquals(Optional.empty(), connected.getNow().protocol());
    }
}
