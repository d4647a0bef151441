package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.Frames;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.pingpong.server.Pings.assertPong;
import static dev.pingpong.server.Pings.eventually;
import static dev.pingpong.server.Pings.ping;
import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind of bad input resets only its own stream (or drops only its datagram), with the kind's code, and is
 * counted; a good stream opened before it on the same session keeps playing.
 */
class BadInputTest {

    private static LoopbackPair pair;
    private static TestServer server;
    private static TestClient.TestSession session;
    private TestStream good;

    @BeforeAll
    static void start() throws Exception {
        pair = LoopbackPair.start();
        server = pair.server;
        session = pair.client.connect(server.url());
    }

    @AfterAll
    static void stop() {
        LoopbackPair.close(pair);
    }

    @BeforeEach
    void openGoodStream() throws Exception {
        good = session.openStream();
        pingPong(good, 1, 4);
    }

    private long counted(BadInput kind) {
        return server.server.metrics().badInput(kind).get();
    }

    /** Sends {@code bytes} (then FIN if asked) on a fresh stream and checks its reset and the good stream. */
    private void assertResetOnlyThatStream(BadInput kind, ByteBuf bytes, boolean fin) throws Exception {
        long before = counted(kind);
        TestStream bad = session.openStream();
        bad.write(bytes);
        if (fin) {
            bad.finish();
        }
        assertEquals(kind.applicationErrorCode(), bad.awaitReset(), "reset code of " + kind);
        assertEquals(before + 1, counted(kind));
        pingPong(good, 2, 10);
        assertTrue(session.session.isOpen());
    }

    @Test
    void unknownFrameTypeResetsTheStream() throws Exception {
        ByteBuf frame = ping(5, 0);
        frame.setByte(0, 0x07);
        assertResetOnlyThatStream(BadInput.UNKNOWN_TYPE, frame, false);
    }

    @Test
    void unknownTypeAfterGoodFramesStillGetsTheirPongsFirst() throws Exception {
        TestStream stream = session.openStream();
        ByteBuf bytes = ping(1, 2).writeBytes(ping(2, 0)).writeByte(0x00);
        stream.write(bytes);
        assertPong(1, 2, stream.read(Frames.frameLength(2), TestClient.WAIT));
        assertPong(2, 0, stream.read(Frames.frameLength(0), TestClient.WAIT));
        assertEquals(BadInput.UNKNOWN_TYPE.applicationErrorCode(), stream.awaitReset());
    }

    @Test
    void pongSentToTheServerIsAnUnexpectedType() throws Exception {
        assertResetOnlyThatStream(BadInput.UNEXPECTED_TYPE, Frames.writePong(Unpooled.buffer(), 1, 1, Unpooled.EMPTY_BUFFER), false);
    }

    @Test
    void frameTruncatedAtStreamEndResetsTheStream() throws Exception {
        ByteBuf frame = ping(3, 50);
        assertResetOnlyThatStream(BadInput.TRUNCATED_FRAME, frame.writerIndex(frame.writerIndex() - 1), true);
    }

    @Test
    void aPeerThatGoesAwayInsideAFrameIsNoBadInput() throws Exception {
        long before = counted(BadInput.TRUNCATED_FRAME);
        try (TestClient leaving = new TestClient(server.sha256())) {
            TestClient.TestSession gone = leaving.connect(server.url());
            TestStream stream = gone.openStream();
            ByteBuf frame = ping(8, 40);
            stream.write(frame.writerIndex(Frames.HEADER_LENGTH + 10));
            eventually("the half frame arrived", TestClient.WAIT,
                    () -> server.server.libraryGauge("held_bytes") >= Frames.HEADER_LENGTH + 10);
        }
        eventually("its bytes given back", TestClient.WAIT, () -> server.server.libraryGauge("held_bytes") == 0);
        assertEquals(before, counted(BadInput.TRUNCATED_FRAME));
        pingPong(good, 5, 0);
    }

    @Test
    void headerTruncatedAtStreamEndResetsTheStream() throws Exception {
        ByteBuf frame = ping(3, 0);
        assertResetOnlyThatStream(BadInput.TRUNCATED_FRAME, frame.writerIndex(Frames.HEADER_LENGTH - 2), true);
    }

    @Test
    void textThatIsNotPingResetsTheStream() throws Exception {
        assertResetOnlyThatStream(BadInput.BAD_TEXT, Unpooled.copiedBuffer("ping\npong\n", java.nio.charset.StandardCharsets.US_ASCII), false);
    }

    @Test
    void textEndingInsideAPingResetsTheStream() throws Exception {
        assertResetOnlyThatStream(BadInput.BAD_TEXT, Unpooled.copiedBuffer("ping\npin", java.nio.charset.StandardCharsets.US_ASCII), true);
    }

    @Test
    void unidirectionalStreamsAreRefused() throws Exception {
        long before = counted(BadInput.UNSUPPORTED_STREAM);
        Future<WebTransportStream> uni = session.session.openUnidirectionalStream();
        assertTrue(uni.await(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        uni.get().channel().writeAndFlush(ping(1, 0));
        eventually("uni stream counted", TestClient.WAIT, () -> counted(BadInput.UNSUPPORTED_STREAM) == before + 1);
        pingPong(good, 3, 0);
    }

    @Test
    void datagramShorterThanAHeaderIsDropped() throws Exception {
        assertDatagramDropped(BadInput.DATAGRAM_TOO_SHORT, ping(1, 0).writerIndex(Frames.HEADER_LENGTH - 1));
    }

    @Test
    void datagramShorterThanItsLengthIsDropped() throws Exception {
        ByteBuf frame = ping(1, 30);
        assertDatagramDropped(BadInput.DATAGRAM_LENGTH_MISMATCH, frame.writerIndex(frame.writerIndex() - 1));
    }

    @Test
    void datagramLongerThanItsFrameIsDropped() throws Exception {
        assertDatagramDropped(BadInput.DATAGRAM_TRAILING_BYTES, ping(1, 30).writeByte(1));
    }

    @Test
    void datagramOfUnknownTypeIsDropped() throws Exception {
        assertDatagramDropped(BadInput.UNKNOWN_TYPE, ping(1, 3).setByte(0, 0x42));
    }

    @Test
    void pongDatagramIsDropped() throws Exception {
        assertDatagramDropped(BadInput.UNEXPECTED_TYPE, ping(1, 3).setByte(0, Frames.PONG));
    }

    /** The bad datagram is counted and gets no answer; the next good one is answered. */
    private void assertDatagramDropped(BadInput kind, ByteBuf datagram) throws Exception {
        long before = counted(kind);
        session.sendDatagram(datagram);
        eventually(kind.label() + " counted", TestClient.WAIT, () -> counted(kind) == before + 1);
        session.sendDatagram(ping(99, 1));
        ByteBuf pong = session.receiveDatagram(TestClient.WAIT);
        assertNotNull(pong, "pong to the good datagram");
        assertPong(99, 1, pong);
        assertEquals(null, session.receiveDatagram(Duration.ofMillis(50)), "nothing else came back");
        pingPong(good, 4, 0);
    }
}
