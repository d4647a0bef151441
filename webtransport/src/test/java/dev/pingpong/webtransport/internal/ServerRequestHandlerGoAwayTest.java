package dev.pingpong.webtransport.internal;

import io.netty.handler.codec.http3.DefaultHttp3Headers;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After our GOAWAY a request it excluded is rejected unprocessed (RFC 9114 section 5.2); earlier ones go on. */
class ServerRequestHandlerGoAwayTest {

    private final EmbeddedConnection connection = new EmbeddedConnection(true);

    private EmbeddedQuicStreamChannel request(long streamId) {
        EmbeddedQuicStreamChannel stream = connection.stream(streamId, QuicStreamType.BIDIRECTIONAL, false);
        stream.pipeline().addLast(new ServerRequestHandler(connection.connection));
        stream.writeInbound(new DefaultHttp3HeadersFrame(new DefaultHttp3Headers().method("CONNECT")
                .protocol("webtransport-h3").scheme("https").authority("localhost").path("/p")));
        return stream;
    }

    @Test
    void aRequestBeyondGoAwayIsRejectedAndOneBeforeItWaits() {
        EmbeddedQuicStreamChannel before = request(0);
        connection.connection.goAway();
        EmbeddedQuicStreamChannel beyond = request(4);

        String rejected = "0x" + Long.toHexString(Http3ErrorCode.H3_REQUEST_REJECTED.code());
        assertTrue(beyond.shutdowns.containsAll(List.of("stop_sending " + rejected, "reset " + rejected)),
                beyond.shutdowns.toString());
        assertEquals(List.of(), before.shutdowns, "the earlier request waits for the client's SETTINGS, unanswered");
        assertEquals(1L, connection.endpoint.stats().counters().get("sessions_refused"));
    }
}
