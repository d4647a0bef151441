package dev.pingpong.webtransport.internal;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A flood of one kind of misbehaviour is one line, then one summary per interval; other kinds keep their own line. */
class PeerLogTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    private final DefaultEventLoop timer = new DefaultEventLoop();
    private final PeerLog log = new PeerLog(now::get, lines::add, timer);

    @AfterEach
    void stop() {
        timer.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    private static InetSocketAddress peer(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    void aFloodIsItsFirstLineAndOneSummary() {
        for (int i = 0; i < 2000; i++) {
            log.report("truncated_frame", peer(5000 + i % 3), "stream " + (4 * i) + " truncated");
        }
        assertEquals(List.of("stream 0 truncated [peer /127.0.0.1:5000]"), lines);
        now.addAndGet(PeerLog.INTERVAL_NANOS);
        log.summarizeEnded();
        assertEquals(List.of("stream 0 truncated [peer /127.0.0.1:5000]",
                "1999 more truncated_frame in 10s from 3 peer(s), last /127.0.0.1:5001"), lines);
    }

    @Test
    void eachKindHasItsOwnFirstLineAndANewIntervalItsOwn() {
        log.report("a", peer(1), "a1");
        log.report("b", peer(1), "b1");
        log.report("a", peer(1), "a2");
        now.addAndGet(PeerLog.INTERVAL_NANOS);
        log.report("a", peer(2), "a3");
        assertEquals(List.of("a1 [peer /127.0.0.1:1]", "b1 [peer /127.0.0.1:1]",
                "1 more a in 10s from 1 peer(s), last /127.0.0.1:1", "a3 [peer /127.0.0.1:2]"), lines);
    }

    @Test
    void aLoneEventHasNoSummary() {
        log.report("a", peer(1), "a1");
        now.addAndGet(PeerLog.INTERVAL_NANOS);
        log.summarizeEnded();
        assertEquals(List.of("a1 [peer /127.0.0.1:1]"), lines);
    }
}
