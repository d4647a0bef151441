package dev.pingpong.server;

import dev.pingpong.protocol.Frames;
import dev.pingpong.webtransport.ConnectOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.pingpong.server.Pings.assertPong;
import static dev.pingpong.server.Pings.ping;
import static dev.pingpong.server.Pings.pingPong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol v1 against a real server over loopback QUIC: stream, datagram and text modes. */
class PingPongTest {

    private static LoopbackPair pair;
    private static TestServer server;
    private static TestClient client;
    private static TestClient.TestSession session;

    @BeforeAll
    static void start() throws Exception {
        pair = LoopbackPair.start();
        server = pair.server;
        client = pair.client;
        session = client.connect(server.url(), ConnectOptions.DEFAULT.withProtocols(List.of("other", "pingpong-v1")));
    }

    @AfterAll
    static void stop() {
        LoopbackPair.close(pair);
    }

    @Test
    void printsTheListeningAndCertificateLines() {
        String[] lines = server.output.split("\n");
        assertEquals("listening udp=127.0.0.1:" + server.url().getPort() + " path=/pingpong", lines[0]);
        assertEquals("certificate sha256=" + server.sha256(), lines[1]);
        assertTrue(server.sha256().matches("[0-9a-f]{64}"));
    }

    @Test
    void printsAnIpv6HostTheWayUsersWriteIt() throws Exception {
        try (TestServer v6 = TestServer.start("::1", Duration.ofSeconds(5))) {
            int port = v6.server.udpAddresses().get(0).getPort();
            assertEquals("listening udp=[::1]:" + port + " path=/pingpong", v6.output.split("\n")[0]);
        }
    }

    @Test
    void offersTheSubprotocolWhenAsked() throws Exception {
        assertEquals(Optional.of("pingpong-v1"), session.session.protocol());
        try (TestClient.TestSession plain = client.connect(server.url())) {
            assertEquals(Optional.empty(), plain.session.protocol());
        }
    }

    @Test
    void streamPingGetsItsPongWithZeroSmallAndMaximumPayloads() throws Exception {
        TestStream stream = session.openStream();
        pingPong(stream, 1, 0);
        pingPong(stream, 2, 100);
        pingPong(stream, 3, Frames.MAX_PAYLOAD_LENGTH);
        pingPong(stream, Long.MAX_VALUE / 1000, 1);
    }

    @Test
    void pipelinedPingsAreAnsweredInOrderWhateverTheWriteBoundaries() throws Exception {
        TestStream stream = session.openStream();
        int count = 500;
        ByteBuf all = Unpooled.buffer();
        for (int seq = 0; seq < count; seq++) {
            Frames.writePing(all, seq, seq * 1000L + 7, Pings.payload(seq, seq % 40));
        }
        int total = all.readableBytes();
        // Odd chunk sizes split frames anywhere, headers included.
        for (int chunk = 1; all.isReadable(); chunk = chunk * 3 % 997 + 1) {
            stream.write(all.readRetainedSlice(Math.min(chunk, all.readableBytes())));
        }
        all.release();
        ByteBuf answers = stream.read(total, TestClient.WAIT);
        for (int seq = 0; seq < count; seq++) {
            assertPong(seq, seq % 40, answers.readRetainedSlice(Frames.frameLength(seq % 40)));
        }
        answers.release();
    }

    @Test
    void severalStreamsOnOneSessionEachGetTheirOwnPongs() throws Exception {
        List<TestStream> streams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            streams.add(session.openStream());
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < streams.size(); i++) {
                streams.get(i).write(ping(i * 100 + round, i));
            }
        }
        for (int i = 0; i < streams.size(); i++) {
            for (int round = 0; round < 3; round++) {
                assertPong(i * 100 + round, i, streams.get(i).read(Frames.frameLength(i), TestClient.WAIT));
            }
        }
    }

    @Test
    void streamEndsWithFinAfterTheLastPong() throws Exception {
        TestStream stream = session.openStream();
        stream.write(ping(9, 3));
        stream.finish();
        assertPong(9, 3, stream.read(Frames.frameLength(3), TestClient.WAIT));
        stream.awaitFin();
        assertFalse(stream.wasReset());
    }

    @Test
    void textModeAnswersEachPingWithPong() throws Exception {
        TestStream stream = session.openStream();
        stream.write("ping\n");
        assertEquals("pong\n", stream.readText(5));
        stream.write("pi");
        stream.write("ng ping\r\npingping\n");
        assertEquals("pong pong\r\npongpong\n", stream.readText(20));
        stream.finish();
        stream.awaitFin();
        assertFalse(stream.wasReset());
    }

    @Test
    void datagramPingGetsAPongDatagram() throws Exception {
        assertTrue(session.session.maxDatagramSize() >= Frames.HEADER_LENGTH + 100, "datagrams enabled");
        for (int seq = 1; seq <= 5; seq++) {
            session.sendDatagram(ping(seq, seq * 20));
            ByteBuf pong = session.receiveDatagram(TestClient.WAIT);
            assertNotNull(pong, "pong datagram " + seq);
            assertPong(seq, seq * 20, pong);
        }
    }

    @Test
    void answersAreCountedByMode() throws Exception {
        ServerMetrics metrics = server.server.metrics();
        long before = metrics.pings(ServerMetrics.Mode.STREAM).get();
        pingPong(session.openStream(), 77, 0);
        assertEquals(before + 1, metrics.pings(ServerMetrics.Mode.STREAM).get());
        assertTrue(metrics.pongs(ServerMetrics.Mode.STREAM).get() >= before + 1);
    }
}
