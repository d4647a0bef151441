package dev.pingpong.webtransport;

import dev.pingpong.webtransport.codec.StreamHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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

    /** Reads on demand, digesting what arrives. */
    private static final class PacedReader extends ChannelInboundHandlerAdapter {
        final MessageDigest digest = sha256();
        final AtomicLong received = new AtomicLong();
        final CompletableFuture<byte[]> finished = new CompletableFuture<>();
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
            data.release();
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
    void writesPastTheBlockedBoundFailAtOnceAndWhatWasAcceptedArrivesOnceTheReaderReads() throws Exception {
        PacedListener server = start(Limits.builder().initialSessionMaxData(16 * KIB).maxSessionDataWindow(16 * KIB)
                .build(), Limits.builder().maxBlockedSendBytesPerStream(64 * KIB).build());
        WebTransportSession session = pair.connect("/paced", new RecordingListener());
        WebTransportStream stream = session.openUnidirectionalStream().get(5, TimeUnit.SECONDS);

        List<ChannelFuture> writes = new ArrayList<>();
        for (int chunk = 0; chunk < 20; chunk++) {
            writes.add(stream.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[8 * KIB])));
        }
        stream.channel().eventLoop().submit(() -> { }).sync(); // every write has been through the flow handler
        List<ChannelFuture> accepted = writes.stream().filter(write -> write.cause() == null).toList();
        List<Throwable> refusals = writes.stream().map(ChannelFuture::cause).filter(cause -> cause != null).toList();
        assertFalse(refusals.isEmpty(), "160 KiB written at once, 16 KiB of credit, 64 KiB may wait");
        for (Throwable refusal : refusals) {
            assertInstanceOf(IllegalStateException.class, refusal);
            assertTrue(refusal.getMessage().contains("maxBlockedSendBytesPerStream"), refusal.getMessage());
        }
        long waiting = blockedSendBytes(pair.client.stats());
        assertTrue(waiting > 56 * KIB && waiting <= 64 * KIB, "the bound is reached: " + waiting);
        assertTrue(accepted.stream().filter(write -> !write.isDone()).count() >= 7,
                "a waiting write completes only once sent");

        stream.finish();
        PacedReader reader = server.streams.poll(5, TimeUnit.SECONDS);
        while (!reader.finished.isDone()) {
            reader.read();
            Thread.sleep(2);
        }
        assertEquals(accepted.size() * 8L * KIB, reader.received.get());
        for (ChannelFuture write : accepted) {
            assertTrue(write.await(5, TimeUnit.SECONDS) && write.isSuccess(), String.valueOf(write.cause()));
        }
        eventually(() -> blockedSendBytes(pair.client.stats()) == 0);
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
