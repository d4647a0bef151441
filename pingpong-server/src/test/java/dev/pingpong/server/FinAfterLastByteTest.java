package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.pingpong.server.Pings.assertPong;
import static dev.pingpong.server.Pings.ping;

/**
 * A FIN right behind a burst that flow control holds back still comes after the last byte: 64 PINGs of the
 * largest payload (4 MiB, sixteen times the stream window) and FIN at once, and every PONG arrives before the
 * server's FIN, both sides finishing while their writes are still queued.
 */
class FinAfterLastByteTest {

    private static final int PINGS = 64;
    private static final int PAYLOAD = Frames.MAX_PAYLOAD_LENGTH;

    @Test
    void everyPongArrivesBeforeTheFin() throws Exception {
        try (LoopbackPair pair = LoopbackPair.start();
             TestClient.TestSession session = pair.client.connect(pair.server.url())) {
            TestStream stream = session.openStream();
            for (int seq = 0; seq < PINGS; seq++) {
                stream.write(ping(seq, PAYLOAD));
            }
            stream.finish();
            stream.awaitFin();
            for (int seq = 0; seq < PINGS; seq++) {
                // No waiting: what came before the FIN is all there is.
                ByteBuf pong = stream.read(Frames.frameLength(PAYLOAD), Duration.ZERO);
                assertPong(seq, PAYLOAD, pong);
            }
        }
    }
}
