package dev.pingpong.webtransport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicStreamChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session id is a CONNECT stream id, so a client-initiated bidirectional stream id: a stream naming any other id
 * closes the connection with H3_ID_ERROR (draft-16 section 4), a datagram without a valid quarter stream id with
 * H3_DATAGRAM_ERROR (RFC 9297 section 2.1). A valid id of no session is refused alone, the connection goes on.
 */
@Timeout(60)
class SessionIdValidationTest {

    private static final int H3_DATAGRAM_ERROR = 0x33;

    private LoopbackPair pair;
    private RawHttp3Client raw;

    @BeforeEach
    void start() throws Exception {
        // A stream for a session id still to come waits at most handshakeTimeout: kept short, so the test is.
        pair = new LoopbackPair(WebTransportServer.builder().limits(Limits.builder()
                .handshakeTimeout(Duration.ofSeconds(2)).build()).route("/echo", r -> r.accept(new EchoListener())));
        raw = new RawHttp3Client(pair.port());
    }

    @AfterEach
    void stop() {
        raw.close();
        pair.close();
    }

    @Test
    void aUniStreamNamingAServerInitiatedStreamClosesTheConnectionWithH3IdError() throws Exception {
        QuicStreamChannel stream = raw.rawUnidirectionalStream(new ChannelInboundHandlerAdapter());
        stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40, 0x54, 0x01})); // type 0x54, session 1
        assertClosedWith(Http3ErrorCode.H3_ID_ERROR.code(), "names session 1,");
    }

    @Test
    void aBidiStreamNamingAUniStreamClosesTheConnectionWithH3IdError() throws Exception {
        QuicStreamChannel stream = raw.rawBidirectionalStream(new ChannelInboundHandlerAdapter());
        stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40, 0x41, 0x02, 'h', 'i'})); // signal, session 2
        assertClosedWith(Http3ErrorCode.H3_ID_ERROR.code(), "names session 2,");
    }

    @Test
    void aDatagramWithAQuarterStreamIdAbove2To60ClosesTheConnectionWithH3DatagramError() throws Exception {
        raw.sendDatagram(new byte[] {(byte) 0xd0, 0, 0, 0, 0, 0, 0, 0, 'x'}); // 2^60, one past the largest
        assertClosedWith(H3_DATAGRAM_ERROR, "without a valid quarter stream id");
    }

    @Test
    void aValidIdOfNoSessionIsRefusedAloneAndTheConnectionGoesOn() throws Exception {
        ResetRecorder recorder = new ResetRecorder();
        QuicStreamChannel stream = raw.rawBidirectionalStream(recorder);
        stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40, 0x41, 0x08})); // a request id nobody opened
        raw.sendDatagram(new byte[] {0x02, 'x'}); // session 8 likewise: dropped, or held for a CONNECT to come
        assertEquals(WebTransportErrorCodes.WT_BUFFERED_STREAM_REJECTED, recorder.code.get(15, TimeUnit.SECONDS));
        assertTrue(raw.isOpen());
        assertEquals(0L, pair.server.stats().counters().get("protocol_errors"));
    }

    private void assertClosedWith(long http3Code, String reason) throws Exception {
        QuicConnectionCloseEvent close = raw.closedByServer().get(10, TimeUnit.SECONDS);
        assertTrue(close.isApplicationClose(), close.toString());
        assertEquals(http3Code, close.error());
        String said = new String(close.reason(), StandardCharsets.UTF_8);
        assertTrue(said.contains(reason), said);
        assertEquals(1L, pair.server.stats().counters().get("protocol_errors"));
        StreamReader.assertEchoes(pair.connect("/echo", new RecordingListener()), "other connections go on");
    }
}
