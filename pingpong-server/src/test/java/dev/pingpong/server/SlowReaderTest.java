package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.pingpong.server.Pings.assertPong;
import static dev.pingpong.server.Pings.eventually;
import static dev.pingpong.server.Pings.ping;
import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A client that stops reading its pongs makes the server stop reading its pings; nothing is lost either way. */
class SlowReaderTest {

    private static final int PINGS = 2000;
    private static final int PAYLOAD = 1000;

    @Test
    void serverPausesTheStreamAndCatchesUpWhenTheClientReadsAgain() throws Exception {
        try (TestServer server = TestServer.start();
             TestClient client = new TestClient(server.sha256());
             TestClient.TestSession session = client.connect(server.url())) {
            TestStream slow = session.openStream();
            slow.stream.channel().config().setAutoRead(false);
            for (int seq = 0; seq < PINGS; seq++) {
                slow.stream.channel().write(ping(seq, PAYLOAD));
            }
            slow.stream.channel().flush();
            eventually("server paused reading", TestClient.WAIT, () -> server.server.metrics().streamPauses.get() >= 1);
            long answeredWhilePaused = server.server.metrics().pings(ServerMetrics.Mode.STREAM).get();

            TestStream other = session.openStream();
            pingPong(other, 1, 0);

            slow.stream.channel().config().setAutoRead(true);
            for (int seq = 0; seq < PINGS; seq++) {
                ByteBuf pong = slow.read(Frames.frameLength(PAYLOAD), Duration.ofSeconds(30));
                assertPong(seq, PAYLOAD, pong);
            }
            assertEquals(PINGS + 1, server.server.metrics().pings(ServerMetrics.Mode.STREAM).get());
            System.out.println("answered while paused: " + answeredWhilePaused + " of " + PINGS);
        }
    }
}
