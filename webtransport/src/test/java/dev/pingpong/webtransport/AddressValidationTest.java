package dev.pingpong.webtransport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry with our HMAC tokens works end to end, and what cannot be QUIC is counted and changes nothing. */
@Timeout(60)
class AddressValidationTest {

    private LoopbackPair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private long counter(String name) {
        return pair.server.stats().counters().get(name);
    }

    private void echoes() throws Exception {
        StreamReader.assertEchoes(pair.connect("/echo", new RecordingListener()), "validated");
    }

    @Test
    void aClientPassesARequiredRetry() throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().requireAddressValidation(true)
                .route("/echo", r -> r.accept(new EchoListener())));
        echoes();
        assertEquals(1, counter("retries_sent"));
        assertEquals(0, counter("retry_tokens_invalid"));
    }

    @Test
    void withoutTheRequirementNoRetryIsSent() throws Exception {
        pair = LoopbackPair.echo();
        echoes();
        assertEquals(0, counter("retries_sent"));
        assertEquals(1, counter("connections_accepted"));
    }

    @Test
    void garbageDatagramsAreCountedAndTheServerGoesOn() throws Exception {
        pair = LoopbackPair.echo();
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", pair.port());
            byte[] noFixedBit = {0x00, 1, 2, 3};
            byte[] shortInitial = new byte[100];
            shortInitial[0] = (byte) 0xc0;
            shortInitial[4] = 1;
            for (byte[] garbage : new byte[][] {noFixedBit, shortInitial}) {
                socket.send(new DatagramPacket(garbage, garbage.length, server));
            }
        }
        HeaderPendingLimitsTest.eventually(() -> counter("udp_datagrams_malformed") == 2);
        echoes();
        assertTrue(counter("udp_datagrams_received") > 2);
        assertEquals(2, counter("udp_datagrams_malformed"), "a real client's datagrams all could be QUIC");
    }
}
