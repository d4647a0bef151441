package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Streams that ended, cleanly or by reset, give their slot back: one session outlives many times the per-session
 * stream limit, and many sessions play at once.
 */
class StreamReuseTest {

    @Test
    void endedStreamsFreeTheirSlots() throws Exception {
        try (LoopbackPair pair = LoopbackPair.start();
             TestClient.TestSession session = pair.client.connect(pair.server.url())) {
            for (int i = 0; i < 300; i++) {
                TestStream stream = session.openStream();
                if (i % 2 == 0) {
                    pingPong(stream, i, 0);
                    stream.finish();
                    stream.awaitFin();
                } else {
                    stream.write(Unpooled.wrappedBuffer(new byte[] {0x7F}));
                    assertEquals(BadInput.UNKNOWN_TYPE.applicationErrorCode(), stream.awaitReset(), "stream " + i);
                }
            }
            Pings.eventually("no stream refused", TestClient.WAIT,
                    () -> pair.server.server.metrics().badInput(BadInput.UNKNOWN_TYPE).get() == 150);
            assertEquals(0L, pair.server.server.libraryCounter("limit_streams"));
        }
    }

    /** Streams the server reset after the peer's FIN get no more from the peer: the reset alone must free them. */
    @Test
    void streamsResetAfterTheirFinFreeTheirSlots() throws Exception {
        try (LoopbackPair pair = LoopbackPair.start();
             TestClient.TestSession session = pair.client.connect(pair.server.url())) {
            List<TestStream> bad = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                TestStream stream = session.openStream();
                stream.write(Unpooled.wrappedBuffer(new byte[] {0x7F}));
                stream.finish();
                bad.add(stream);
            }
            for (TestStream stream : bad) {
                assertEquals(BadInput.UNKNOWN_TYPE.applicationErrorCode(), stream.awaitReset());
            }
            pingPong(session.openStream(), 1, 8);
            assertEquals(0L, pair.server.server.libraryCounter("limit_streams"));
        }
    }

    @Test
    void manySessionsWithSeveralStreamsPlayAtOnce() throws Exception {
        try (LoopbackPair pair = LoopbackPair.start()) {
            List<TestClient.TestSession> sessions = new ArrayList<>();
            List<TestStream> streams = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                TestClient.TestSession session = pair.client.connect(pair.server.url());
                sessions.add(session);
                for (int i = 0; i < 3; i++) {
                    streams.add(session.openStream());
                }
            }
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < streams.size(); i++) {
                    pingPong(streams.get(i), i * 1000L + round, round);
                }
            }
            assertEquals(10, pair.server.server.openSessions());
            sessions.forEach(TestClient.TestSession::close);
        }
    }
}
