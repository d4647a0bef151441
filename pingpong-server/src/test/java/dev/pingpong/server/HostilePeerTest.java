package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.RawHttp3Client;
import dev.pingpong.webtransport.ResetRecorder;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static dev.pingpong.server.Pings.eventually;
import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attacks of issue 8 against the real server on default limits, each beside a well-behaved client: what the
 * server holds for the attacker stays within its bounds (by the library's own accounting), the good client loses
 * nothing, and once the attacker is gone everything is given back and the server answers. Round trips of the good
 * client are printed for the record, not asserted.
 */
@Timeout(180)
class HostilePeerTest {

    private static final Limits LIMITS = Limits.DEFAULT;

    /** Samples a gauge on its own thread until closed; the highest value seen. */
    private static final class Peak implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Peak(LongSupplier gauge) {
            thread = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(gauge.getAsLong(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gauge-peak");
            thread.start();
        }

        long max() {
            return max.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    private static RawHttp3Client raw(TestServer server) throws Exception {
        return new RawHttp3Client(new InetSocketAddress("127.0.0.1", server.server.udpAddresses().get(0).getPort()),
                ClientTlsContexts.create(ServerTrust.pinned(List.of(server.sha256()))));
    }

    private static void report(String attack, GoodClient good, String held) {
        System.out.printf("hostile %s: good client %d pongs, %d lost, p99 %.2f ms; %s%n", attack, good.answered(),
                good.lost(), good.p99Millis(), held);
    }

    @Test
    void streamsThatNeverFinishTheirHeaderAreBounded() throws Exception {
        try (TestServer server = TestServer.start(); GoodClient good = new GoodClient(server)) {
            LongSupplier pending = () -> server.server.libraryGauge("header_pending_streams");
            List<RawHttp3Client> attackers = new ArrayList<>();
            try (Peak peak = new Peak(pending)) {
                for (int c = 0; c < 4; c++) {
                    RawHttp3Client raw = raw(server);
                    attackers.add(raw);
                    for (int i = 0; i < 300; i++) {
                        (i % 2 == 0 ? raw.rawBidirectionalStream(new ResetRecorder())
                                : raw.rawUnidirectionalStream(new ResetRecorder()))
                                .writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0x40}));
                    }
                }
                eventually("streams past the bound refused", TestClient.WAIT, () ->
                        server.server.libraryCounter("limit_header_pending_streams_per_connection") == 4 * (300 - 128));
                assertEquals(4L * LIMITS.maxHeaderPendingStreamsPerConnection(), pending.getAsLong());
                report("header-pending", good, "header-pending streams peak " + peak.max());
                assertTrue(peak.max() <= 4L * LIMITS.maxHeaderPendingStreamsPerConnection(), "peak " + peak.max());
            } finally {
                attackers.forEach(RawHttp3Client::close);
            }
            eventually("all given back", TestClient.WAIT, () -> pending.getAsLong() == 0);
            assertEquals(0, good.lost());
            assertTrue(good.answered() > 0);
            answersANewSession(server);
        }
    }

    @Test
    void unfinishedFramesAreBounded() throws Exception {
        try (TestServer server = TestServer.start(); GoodClient good = new GoodClient(server);
             TestClient attacker = new TestClient(server.sha256())) {
            LongSupplier held = () -> server.server.libraryGauge("held_bytes");
            int sessions = 4;
            int streamsPerSession = 48;
            int part = 60_000;
            List<TestClient.TestSession> open = new ArrayList<>();
            try (Peak peak = new Peak(held)) {
                for (int s = 0; s < sessions; s++) {
                    TestClient.TestSession session = attacker.connect(server.url());
                    open.add(session);
                    for (int i = 0; i < streamsPerSession; i++) {
                        ByteBuf frame = Frames.writeHeader(Unpooled.buffer(), Frames.PING, i, 0,
                                Frames.MAX_PAYLOAD_LENGTH);
                        session.openStream().write(frame.writeZero(part));
                    }
                }
                long refused = sessions * (streamsPerSession - LIMITS.maxHeldBytesPerSession() / (part + 19));
                eventually("streams past the session bound reset", TestClient.WAIT, () ->
                        server.server.libraryCounter("limit_held_bytes_per_session") >= refused);
                report("unfinished-frames", good, "held bytes peak " + peak.max());
                assertTrue(peak.max() <= sessions * LIMITS.maxHeldBytesPerSession(), "peak " + peak.max());
                assertTrue(peak.max() <= LIMITS.maxHeldBytes(), "peak " + peak.max());
            } finally {
                open.forEach(TestClient.TestSession::close);
            }
            eventually("all given back", TestClient.WAIT, () -> held.getAsLong() == 0);
            assertEquals(0, good.lost());
            answersANewSession(server);
        }
    }

    @Test
    void aServerRequiringRetryServesAndCountsIt() throws Exception {
        try (TestServer server = TestServer.start("--require-retry"); GoodClient good = new GoodClient(server)) {
            assertTrue(server.server.libraryCounter("retries_sent") >= 1);
            answersANewSession(server);
            assertEquals(0, good.lost());
        }
    }

    private static void answersANewSession(TestServer server) throws Exception {
        try (TestClient after = new TestClient(server.sha256());
             TestClient.TestSession session = after.connect(server.url())) {
            pingPong(session.openStream(), 1, 100);
        }
    }
}
