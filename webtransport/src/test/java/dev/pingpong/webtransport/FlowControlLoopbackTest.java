package dev.pingpong.webtransport;

import dev.pingpong.webtransport.codec.StreamHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pingpong.webtransport.HeaderPendingLimitsTest.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session flow control between our client and server, which both declare it in their SETTINGS: a writer faster
 * than the reader is held to the reader's session credit with bounded memory, says so with WT_DATA_BLOCKED and goes on
 * as the reader reads; stream opens past the peer's limit wait; a peer that ignores our limits loses the session with
 * WT_FLOW_CONTROL_ERROR.
 */
@Timeout(60)
class FlowControlLoopbackTest {

    private static final int KIB = 1024;

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /** Hands each peer uni stream, auto-read off, to the test, which reads it when it wants. */
    private static final class PacedListener implements SessionListener {
        final BlockingQueue<PacedReader> streams = new LinkedBlockingQueue<>();

        @Override
        public void onStream(WebTransportSession session, WebTransportStream stream) {
            stream.channel().config().setAutoRead(false);
            PacedReader reader = new PacedReader();
            stream.channel().pipeline().addLast(reader);
            streams.add(reader);
        }
    }

    /** Reads on demand, digesting what arrives and keeping its first 64 KiB. */
    private static final class PacedReader extends ChannelInboundHandlerAdapter {
        final MessageDigest digest = sha256();
        final AtomicLong received = new AtomicLong();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> finished = new CompletableFuture<>();
        final CompletableFuture<QuicStreamResetException> reset = new CompletableFuture<>();
        volatile ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf data = (ByteBuf) msg;
            received.addAndGet(data.readableBytes());
            digest.update(data.nioBuffer());
            if (bytes.size() < 64 * KIB) {
                byte[] kept = new byte[Math.min(data.readableBytes(), 64 * KIB - bytes.size())];
                data.readBytes(kept);
                bytes.writeBytes(kept);
            }
            data.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof QuicStreamResetException peerReset) {
                reset.complete(peerReset);
                ctx.close();
                return;
            }
            ctx.fireExceptionCaught(cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                finished.complete(digest.digest());
                ctx.close(); // a receive-only stream is done: its slot, and the peer's stream credit, come back
            }
            ctx.fireUserEventTriggered(evt);
        }

        void read() {
            ctx.channel().read();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private PacedListener start(Limits server, Limits client) throws InterruptedException {
        PacedListener listener = new PacedListener();
        start(server, client, listener);
        return listener;
    }

    private void start(Limits server, Limits client, SessionListener listener) throws InterruptedException {
        pair = new LoopbackPair(WebTransportServer.builder().limits(server).route("/paced", r -> r.accept(listener)),
                WebTransportClient.builder().limits(client));
    }

    private static long counter(EndpointStats stats, String name) {
        return stats.counters().getOrDefault(name, 0L);
    }

    private static long blockedSendBytes(EndpointStats stats) {
        return stats.gauges().get("blocked_send_bytes");
    }

    @Test
    void aWriterFasterThanItsReaderIsHeldToTheSessionCreditWhichGrowsAsTheReaderReads() throws Exception {
        Limits serverLimits = Limits.builder().initialSessionMaxData(64 * KIB).maxSessionDataWindow(64 * KIB).build();
        Limits clientLimits = Limits.builder().maxBlockedSendBytesPerStream(2 * 1024 * KIB).build();
        PacedListener server = start(serverLimits, clientLimits);
        WebTransportSession session = pair.connect("/paced", new RecordingListener());

        byte[] payload = new byte[1024 * KIB];
        new Random(7).nextBytes(payload);
        WebTransportStream stream = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        List<ChannelFuture> writes = new ArrayList<>();
        for (int offset = 0; offset < payload.length; offset += 16 * KIB) {
            writes.add(stream.channel().writeAndFlush(Unpooled.wrappedBuffer(payload, offset, 16 * KIB)));
        }
        stream.finish();

        PacedReader reader = server.streams.poll(5, TimeUnit.SECONDS);
        long peakBlocked = 0;
        while (!reader.finished.isDone()) {
            peakBlocked = Math.max(peakBlocked, blockedSendBytes(pair.client.stats()));
            reader.read();
            Thread.sleep(2);
        }
        assertEquals(payload.length, reader.received.get());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(payload), reader.finished.get());
        for (ChannelFuture write : writes) {
            assertTrue(write.await(5, TimeUnit.SECONDS) && write.isSuccess(), String.valueOf(write.cause()));
        }

        assertEquals(0, counter(pair.server.stats(), "flow_control_errors"), "never past the server's credit");
        assertTrue(session.isOpen());
        assertTrue(counter(pair.client.stats(), "data_blocked_sent") > 0, "the client said it was blocked");
        eventually(() -> counter(pair.server.stats(), "data_blocked_received") > 0);
        assertTrue(peakBlocked > 0 && peakBlocked <= clientLimits.maxBlockedSendBytesPerStream(), "peak " + peakBlocked);
        eventually(() -> blockedSendBytes(pair.client.stats()) == 0);
    }

    @Test
    void aWritePastTheBlockedBoundFailsTheStreamSoThePeerGetsAPrefixAndAResetNeverAHole() throws Exception {
        PacedListener server = start(Limits.builder().initialSessionMaxData(16 * KIB).maxSessionDataWindow(16 * KIB)
                .build(), Limits.builder().maxBlockedSendBytesPerStream(64 * KIB).build());
        WebTransportSession session = pair.connect("/paced", new RecordingListener());
        WebTransportStream stream = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);

        byte[] sent = new byte[20 * 8 * KIB];
        List<ByteBuf> chunks = new ArrayList<>();
        List<ChannelFuture> writes = new ArrayList<>();
        for (int chunk = 0; chunk < 20; chunk++) {
            java.util.Arrays.fill(sent, chunk * 8 * KIB, (chunk + 1) * 8 * KIB, (byte) chunk);
            ByteBuf buf = Unpooled.directBuffer(8 * KIB).writeBytes(sent, chunk * 8 * KIB, 8 * KIB);
            chunks.add(buf);
            writes.add(stream.channel().writeAndFlush(buf));
        }
        stream.channel().eventLoop().submit(() -> { }).sync(); // every write has been through the flow handler
        // 16 KiB of credit: chunks 0 and 1 went out; 2 to 9 waited (64 KiB); chunk 10 passed the bound.
        Throwable cause = writes.get(10).cause();
        assertInstanceOf(IllegalStateException.class, cause);
        assertTrue(cause.getMessage().contains("maxBlockedSendBytesPerStream"), cause.getMessage());
        for (int chunk = 2; chunk < 20; chunk++) {
            assertEquals(cause, writes.get(chunk).cause(), "chunk " + chunk + " fails with the stream");
        }
        ChannelFuture later = stream.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[1])).await();
        assertFalse(later.isSuccess(), "a failed stream takes no more writes");
        eventually(() -> chunks.stream().allMatch(chunk -> chunk.refCnt() == 0));
        assertEquals(0, blockedSendBytes(pair.client.stats()));
        assertEquals(1, counter(pair.client.stats(), "limit_blocked_send_bytes_per_stream"));

        PacedReader reader = server.streams.poll(5, TimeUnit.SECONDS);
        while (!reader.reset.isDone()) {
            reader.read();
            Thread.sleep(2);
        }
        assertEquals(Http3ErrorCode.H3_INTERNAL_ERROR.code(), reader.reset.get().applicationProtocolCode());
        byte[] received = reader.bytes.toByteArray();
        assertTrue(received.length <= 16 * KIB, "at most the credit's worth: " + received.length);
        assertArrayEquals(java.util.Arrays.copyOf(sent, received.length), received, "a prefix of what was written");
        assertTrue(session.isOpen(), "the session goes on");
    }

    /**
     * 64 KiB: all of the session credit goes into a write QUIC takes only 16 KiB of. 1 MiB: besides, most of the write
     * waits for credit, and must not take what later WT_MAX_DATAs grant once its stream is reset.
     */
    @ParameterizedTest
    @ValueSource(ints = {64, 1024})
    void aStreamResetWithBytesTheReaderNeverSawDoesNotStarveTheSession(int kib) throws Exception {
        // The server's window is at its maximum from the start and its QUIC stream window is a quarter of it.
        PacedListener server = start(Limits.builder().initialSessionMaxData(64 * KIB).maxSessionDataWindow(64 * KIB)
                .maxStreamBufferBytes(16 * KIB).build(), Limits.DEFAULT);
        WebTransportSession session = pair.connect("/paced", new RecordingListener());

        // The stream is reset right after the write. The client counts 64 KiB, the server sees at most the 16 KiB
        // (the reset's final size, which Netty reports to neither side).
        WebTransportStream cut = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        cut.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[kib * KIB]));
        cut.reset(7);
        PacedReader cutOnServer = server.streams.poll(5, TimeUnit.SECONDS);
        while (!cutOnServer.reset.isDone()) {
            cutOnServer.read();
            Thread.sleep(2);
        }
        assertTrue(cutOnServer.received.get() <= 16 * KIB, "seen " + cutOnServer.received.get());

        // With no credit left by its count, the client's next write waits and says WT_DATA_BLOCKED; the server gives
        // back what the reset stream may have carried, and the write goes.
        WebTransportStream next = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        ChannelFuture write = next.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[KIB]));
        next.finish();
        PacedReader nextOnServer = server.streams.poll(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!nextOnServer.finished.isDone() && System.nanoTime() < deadline) {
            nextOnServer.read();
            Thread.sleep(2);
        }
        assertTrue(nextOnServer.finished.isDone(), "the next stream's bytes went: session credit came back");
        assertEquals(KIB, nextOnServer.received.get());
        assertTrue(write.isSuccess(), String.valueOf(write.cause()));
        assertTrue(counter(pair.client.stats(), "data_blocked_sent") > 0);
        assertEquals(0, counter(pair.server.stats(), "flow_control_errors"));
        assertTrue(session.isOpen());
    }

    @Test
    void streamOpensPastThePeersLimitWaitUntilAStreamCloses() throws Exception {
        PacedListener server = start(Limits.builder().maxStreamsPerSession(2).build(), Limits.DEFAULT);
        WebTransportSession session = pair.connect("/paced", new RecordingListener());
        WebTransportStream first = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);
        Future<WebTransportStream> third = session.openUnidirectionalStream();
        eventually(() -> counter(pair.client.stats(), "streams_blocked_sent") == 1);
        assertFalse(third.isDone());
        eventually(() -> counter(pair.server.stats(), "streams_blocked_received") == 1);

        first.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        first.finish();
        PacedReader firstOnServer = server.streams.poll(5, TimeUnit.SECONDS);
        while (!firstOnServer.finished.isDone()) {
            firstOnServer.read();
            Thread.sleep(2);
        }
        assertTrue(third.await(5, TimeUnit.SECONDS), "opened once the server's stream was done and credit came back");
        assertTrue(third.isSuccess(), String.valueOf(third.cause()));
        assertEquals(0, counter(pair.server.stats(), "flow_control_errors"));
    }

    @Test
    void aPeerSendingPastOurDataLimitLosesTheSessionWithWtFlowControlError() throws Exception {
        RecordingListener server = new RecordingListener();
        start(Limits.builder().initialSessionMaxData(1024).maxSessionDataWindow(1024).build(), Limits.DEFAULT,
                server);
        RecordingListener client = new RecordingListener();
        WebTransportSession session = pair.connect("/paced", client);

        // Its first read (at least a packet's worth) passes 1 KiB at once, before any credit could come back.
        rawUniStream(connectionOf(session), session.id()).writeAndFlush(Unpooled.wrappedBuffer(new byte[8 * KIB]));

        assertFlowControlError(server, client);
    }

    @Test
    void aPeerOpeningStreamsPastOurLimitLosesTheSessionWithWtFlowControlError() throws Exception {
        RecordingListener server = new RecordingListener();
        start(Limits.builder().maxStreamsPerSession(2).build(), Limits.DEFAULT, server);
        RecordingListener client = new RecordingListener();
        WebTransportSession session = pair.connect("/paced", client);

        QuicChannel connection = connectionOf(session);
        for (int i = 0; i < 2; i++) {
            rawUniStream(connection, session.id()).writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
        }

        assertFlowControlError(server, client);
    }

    /** The session's QUIC connection, reached through a stream it opens (and keeps: one stream of its credit). */
    private static QuicChannel connectionOf(WebTransportSession session) throws Exception {
        return ((QuicStreamChannel) session.openUnidirectionalStream().get(5, TimeUnit.SECONDS).channel()).parent();
    }

    /** A uni stream of session {@code sessionId} that bypasses its flow control: header written by hand. */
    private static QuicStreamChannel rawUniStream(QuicChannel connection, long sessionId) throws Exception {
        QuicStreamChannel raw = connection.createStream(QuicStreamType.UNIDIRECTIONAL,
                new ChannelInboundHandlerAdapter()).sync().getNow();
        raw.writeAndFlush(StreamHeaders.encode(raw.alloc(), false, sessionId)).sync();
        return raw;
    }

    private void assertFlowControlError(RecordingListener server, RecordingListener client) throws Exception {
        SessionCloseInfo serverSide = server.closed.get(10, TimeUnit.SECONDS);
        assertTrue(serverSide.cause().getMessage().startsWith("WT_FLOW_CONTROL_ERROR"), serverSide.toString());
        assertEquals(1, counter(pair.server.stats(), "flow_control_errors"));
        SessionCloseInfo clientSide = client.closed.get(10, TimeUnit.SECONDS);
        QuicStreamResetException reset = assertInstanceOf(QuicStreamResetException.class, clientSide.cause());
        assertEquals(WebTransportErrorCodes.WT_FLOW_CONTROL_ERROR, reset.applicationProtocolCode(),
                "the CONNECT stream reset with WT_FLOW_CONTROL_ERROR");
    }
}
