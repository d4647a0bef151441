package dev.pingpong.webtransport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Streams whose header never completes belong to no session: the connection's and the endpoint's bounds on them
 * hold, their time runs out, and they are given back when they go; meanwhile a session on another connection plays.
 */
@Timeout(60)
class HeaderPendingLimitsTest {

    /** The first byte of a two-byte varint: a header that has begun and will never end. */
    private static final byte[] HALF_A_HEADER = {0x40};

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private void start(Limits limits) throws InterruptedException {
        pair = new LoopbackPair(WebTransportServer.builder().limits(limits)
                .route("/echo", r -> r.accept(new EchoListener())));
    }

    private long gauge(String name) {
        return pair.server.stats().gauges().get(name);
    }

    private long counter(String name) {
        return pair.server.stats().counters().get(name);
    }

    /** Opens {@code uni} unidirectional, then {@code bidi} bidirectional streams, each with half a header. */
    private static List<ResetRecorder> halfHeaders(RawHttp3Client raw, int bidi, int uni) throws Exception {
        List<ResetRecorder> streams = new ArrayList<>();
        for (int i = 0; i < uni + bidi; i++) {
            ResetRecorder recorder = new ResetRecorder();
            QuicStreamChannel stream = i < uni ? raw.rawUnidirectionalStream(recorder)
                    : raw.rawBidirectionalStream(recorder);
            stream.writeAndFlush(Unpooled.wrappedBuffer(HALF_A_HEADER));
            streams.add(recorder);
        }
        return streams;
    }

    @Test
    void streamsPastTheConnectionBoundAreResetAndTheRestCount() throws Exception {
        start(Limits.builder().maxHeaderPendingStreamsPerConnection(4).build());
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            List<ResetRecorder> streams = halfHeaders(raw, 4, 2);
            eventually(() -> counter("limit_header_pending_streams_per_connection") == 2);
            assertEquals(4, gauge("header_pending_streams"));
            for (ResetRecorder refused : streams.subList(4, 6)) {
                assertEquals(Http3ErrorCode.H3_REQUEST_REJECTED.code(), refused.code.get(5, TimeUnit.SECONDS));
            }
            echoesOnItsOwnConnection();
        }
        eventually(() -> gauge("header_pending_streams") == 0);
    }

    @Test
    void theEndpointBoundHoldsAcrossConnections() throws Exception {
        start(Limits.builder().maxHeaderPendingStreams(3).build());
        try (RawHttp3Client first = new RawHttp3Client(pair.port());
             RawHttp3Client second = new RawHttp3Client(pair.port())) {
            halfHeaders(first, 2, 0);
            eventually(() -> gauge("header_pending_streams") == 2);
            List<ResetRecorder> more = halfHeaders(second, 2, 0);
            eventually(() -> counter("limit_header_pending_streams") == 1);
            assertEquals(3, gauge("header_pending_streams"));
            assertEquals(Http3ErrorCode.H3_REQUEST_REJECTED.code(), more.get(1).code.get(5, TimeUnit.SECONDS));
        }
        eventually(() -> gauge("header_pending_streams") == 0);
    }

    @Test
    void aHeaderThatTakesTooLongIsReset() throws Exception {
        start(Limits.builder().streamHeaderTimeout(Duration.ofMillis(300)).build());
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            List<ResetRecorder> streams = halfHeaders(raw, 2, 2);
            for (ResetRecorder stream : streams.subList(2, 4)) {
                assertEquals(Http3ErrorCode.H3_REQUEST_INCOMPLETE.code(), stream.code.get(5, TimeUnit.SECONDS));
            }
            eventually(() -> counter("header_timeouts") == 4);
            assertEquals(0, gauge("header_pending_streams"));
            assertFalse(counter("limit_header_pending_streams_per_connection") > 0);
        }
    }

    @Test
    void aHeaderSentInPiecesCompletes() throws Exception {
        start(Limits.DEFAULT);
        WebTransportSession session = pair.connect("/echo", new RecordingListener());
        try (RawHttp3Client raw = new RawHttp3Client(pair.port())) {
            ResetRecorder recorder = new ResetRecorder();
            QuicStreamChannel stream = raw.rawUnidirectionalStream(recorder);
            // Stream type 0x54 as a two-byte varint, one byte at a time: still pending until the session id.
            stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40}));
            eventually(() -> gauge("header_pending_streams") == 1);
            stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x54}));
            Thread.sleep(100);
            assertEquals(1, gauge("header_pending_streams"), "a WebTransport uni stream still owes its session id");
            // The session id belongs to the other connection: refused as unknown, and no longer pending.
            stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) session.id()}));
            eventually(() -> gauge("header_pending_streams") == 0);
        }
    }

    private void echoesOnItsOwnConnection() throws Exception {
        StreamReader.assertEchoes(pair.connect("/echo", new RecordingListener()), "still here");
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
