package dev.pingpong.webtransport;

import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server's graceful shutdown as draft-16 section 4.7 has it: GOAWAY on every connection, WT_DRAIN_SESSION to every
 * session, which go on until they end. (Netty's HTTP/3 client refuses to send a request after GOAWAY, so the
 * server's refusal of one is tested on an embedded stream, in {@code ServerRequestHandlerGoAwayTest}.)
 */
@Timeout(60)
class GoAwayTest {

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void shutdownDrainsSessionsRefusesNewOnesAndEndsOnceTheyFinish() throws Exception {
        pair = LoopbackPair.echo();
        RecordingListener ours = new RecordingListener();
        WebTransportSession session = pair.connect("/echo", ours);
        Future<Void> shutdown;
        try (RawHttp3Client raw = new RawHttp3Client(pair.port(), RawHttp3Client.draft16Settings())) {
            assertEquals("200", raw.request(RawHttp3Client.connect("webtransport-h3", "/echo"), false).get(5, TimeUnit.SECONDS).status().toString());

            shutdown = pair.server.shutdown(Duration.ofSeconds(30));
            ours.draining.get(5, TimeUnit.SECONDS);
            assertTrue(session.isDraining());
            while (!raw.goAwayReceived()) {
                Thread.sleep(10);
            }
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> pair.connect("/echo", new RecordingListener()));
            assertEquals(WebTransportException.Kind.CONNECTION_CLOSED,
                    ((WebTransportException) refused.getCause()).kind(), "a new connection is refused meanwhile");

            assertTrue(session.isOpen(), "a draining session goes on");
            StreamReader reader = StreamReader.openBidirectional(session).get(5, TimeUnit.SECONDS);
            reader.stream.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
            reader.stream.finish();
            assertArrayEquals(new byte[] {1, 2, 3}, reader.finished.get(5, TimeUnit.SECONDS));

            session.close(0, "drained").get(5, TimeUnit.SECONDS);
            assertFalse(shutdown.isDone(), "the raw client's session is still open");
        }
        assertTrue(shutdown.await(20, TimeUnit.SECONDS),
                "the shutdown ends once the last session has");
        assertEquals(0, pair.server.stats().openSessions());
    }
}
