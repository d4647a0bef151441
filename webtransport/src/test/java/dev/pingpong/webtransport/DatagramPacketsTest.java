package dev.pingpong.webtransport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Datagrams sent together share QUIC packets, counted as the UDP datagrams that reach the server: a burst written
 * with one flush, and the answers to a burst sent while its read is under way, each ride one or two packets instead
 * of one packet per datagram.
 */
class DatagramPacketsTest {

    private static final int BURST = 32;
    private static final byte PING = 'p';
    private static final byte PONG = 'q';
    private static final byte RETURN = 'r';
    /** Each leg's burst in a packet or two, and the ACK-only packets the client may send meanwhile. */
    private static final long MOST_PACKETS = 6;

    @Test
    void aBurstAndTheAnswersToItRideAFewPackets() throws Exception {
        CountDownLatch returned = new CountDownLatch(BURST);
        // The server answers each PING with a PONG from within the read, and counts what the client answers back.
        SessionListener server = new SessionListener() {
            @Override
            public void onDatagram(WebTransportSession session, ByteBuf payload) {
                byte kind = payload.getByte(payload.readerIndex());
                if (kind == PING) {
                    session.sendDatagram(payload.setByte(payload.readerIndex(), PONG));
                } else {
                    payload.release();
                    if (kind == RETURN) {
                        returned.countDown();
                    }
                }
            }
        };
        // The client turns each PONG around from within its read: those leave together only if the PONGs came together.
        SessionListener client = new SessionListener() {
            @Override
            public void onDatagram(WebTransportSession session, ByteBuf payload) {
                if (payload.getByte(payload.readerIndex()) == PONG) {
                    session.sendDatagram(payload.setByte(payload.readerIndex(), RETURN));
                } else {
                    payload.release();
                }
            }
        };
        try (LoopbackPair pair = new LoopbackPair(WebTransportServer.builder().route("/burst", r -> r.accept(server)))) {
            WebTransportSession session = pair.connect("/burst", client);
            long before = udpDatagramsReceived(pair);
            session.eventLoop().submit(() -> {
                for (int i = 0; i < BURST; i++) {
                    session.writeDatagram(Unpooled.wrappedBuffer(new byte[] {PING, (byte) i, 0, 0, 0, 0, 0, 0, 0, 0}));
                }
                session.flushDatagrams();
            }).sync();
            assertTrue(returned.await(10, TimeUnit.SECONDS), "every datagram made the round trip and back");
            long packets = udpDatagramsReceived(pair) - before;
            assertTrue(packets <= MOST_PACKETS, BURST + " PINGs and " + BURST + " answers to PONGs took " + packets
                    + " UDP datagrams to the server (one per datagram would be " + 2 * BURST + ")");
        }
    }

    private static long udpDatagramsReceived(LoopbackPair pair) {
        return pair.server.stats().counters().get("udp_datagrams_received");
    }
}
