package dev.pingpong.client.it.lossy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay in front of a plain UDP echo on loopback. */
@Timeout(60)
class LossyRelayTest {

    private static final Duration LIFETIME = Duration.ofMinutes(1);

    private DatagramSocket echo;
    private Thread echoThread;
    private final Set<SocketAddress> echoPeers = ConcurrentHashMap.newKeySet();
    private final List<LossyRelay> relays = new ArrayList<>();

    @BeforeEach
    void startEcho() throws IOException {
        echo = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        echoThread = new Thread(() -> {
            byte[] buffer = new byte[2048];
            while (!echo.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    echo.receive(packet);
                    echoPeers.add(packet.getSocketAddress());
                    echo.send(packet);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "udp-echo");
        echoThread.setDaemon(true);
        echoThread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (LossyRelay relay : relays) {
            relay.close();
        }
        echo.close();
        echoThread.join(5_000);
    }

    private LossyRelay relay(long seed) throws IOException {
        LossyRelay relay = LossyRelay.start((InetSocketAddress) echo.getLocalSocketAddress(), seed, LIFETIME);
        relays.add(relay);
        return relay;
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(300);
        return socket;
    }

    private static void send(DatagramSocket socket, LossyRelay relay, int number) throws IOException {
        byte[] data = ByteBuffer.allocate(4).putInt(number).array();
        socket.send(new DatagramPacket(data, data.length, relay.address()));
    }

    /** The numbers that came back, in arrival order, until nothing arrives for the socket's timeout. */
    private static List<Integer> receiveAll(DatagramSocket socket) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        byte[] buffer = new byte[16];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException quiet) {
                return numbers;
            }
            numbers.add(ByteBuffer.wrap(packet.getData(), 0, 4).getInt());
        }
    }

    @Test
    void withoutImpairmentEveryPacketComesBackToItsSenderThroughASocketPerClient() throws Exception {
        LossyRelay relay = relay(1);
        try (DatagramSocket a = client(); DatagramSocket b = client()) {
            send(a, relay, 1);
            send(b, relay, 2);
            send(a, relay, 3);
            assertEquals(List.of(1, 3), receiveAll(a));
            assertEquals(List.of(2), receiveAll(b));
        }
        assertEquals(2, relay.clients());
        assertEquals(2, echoPeers.size(), "the server sees one relay socket per client");
        assertFalse(echoPeers.contains(relay.address()));
        assertEquals(new LossyRelay.Counts(3, 3, 0, 0, 0), relay.counts(LossyRelay.Direction.TO_SERVER));
        assertEquals(new LossyRelay.Counts(3, 3, 0, 0, 0), relay.counts(LossyRelay.Direction.TO_CLIENT));
    }

    @Test
    void lossIsSeededPerDirectionAndNearItsRate() throws Exception {
        List<List<Integer>> passedBySeed = new ArrayList<>();
        for (long seed : new long[] {7, 7, 8}) {
            LossyRelay relay = relay(seed);
            relay.impair(LossyRelay.Direction.TO_SERVER, Impairment.loss(0.2));
            List<Integer> passed = new ArrayList<>();
            try (DatagramSocket socket = client()) {
                for (int i = 0; i < 1_000; i++) {
                    send(socket, relay, i);
                    if (i % 100 == 99) {
                        passed.addAll(receiveAll(socket));
                    }
                }
            }
            LossyRelay.Counts toServer = relay.counts(LossyRelay.Direction.TO_SERVER);
            assertEquals(1_000, toServer.received());
            assertEquals(toServer.received(), toServer.forwarded() + toServer.lost());
            assertEquals(toServer.forwarded(), passed.size(), "what passed came back");
            // Binomial(1000, 0.2): the standard deviation is 12.6; six of them either way.
            assertTrue(Math.abs(toServer.lost() - 200) < 76, "lost " + toServer.lost());
            assertEquals(0, relay.counts(LossyRelay.Direction.TO_CLIENT).lost(), "the other direction is not impaired");
            passedBySeed.add(passed);
        }
        assertEquals(passedBySeed.get(0), passedBySeed.get(1), "the same seed drops the same packets");
        assertNotEquals(passedBySeed.get(0), passedBySeed.get(2), "another seed drops others");
    }

    @Test
    void delayHoldsEveryPacketAtLeastItsDelay() throws Exception {
        LossyRelay relay = relay(3);
        relay.impair(LossyRelay.Direction.TO_SERVER, Impairment.delay(Duration.ofMillis(50), Duration.ZERO, 0));
        try (DatagramSocket socket = client()) {
            long sent = System.nanoTime();
            send(socket, relay, 1);
            socket.setSoTimeout(5_000);
            socket.receive(new DatagramPacket(new byte[16], 16));
            long trip = System.nanoTime() - sent;
            assertTrue(trip >= Duration.ofMillis(50).toNanos(), "came back after " + trip / 1_000_000 + " ms");
        }
    }

    @Test
    void jitterAndReorderingLetPacketsOvertakeWithoutLosingAny() throws Exception {
        LossyRelay relay = relay(3);
        relay.impair(LossyRelay.Direction.TO_CLIENT, Impairment.delay(Duration.ofMillis(50), Duration.ofMillis(10), 0.3));
        try (DatagramSocket socket = client()) {
            for (int i = 1; i <= 40; i++) {
                send(socket, relay, i);
            }
            List<Integer> order = receiveAll(socket);
            assertEquals(40, order.size(), "delay loses nothing");
            assertNotEquals(order.stream().sorted().toList(), order, "some packets overtook others: " + order);
        }
    }

    @Test
    void aBlackholeDropsEverythingUntilHealed() throws Exception {
        LossyRelay relay = relay(4);
        try (DatagramSocket socket = client()) {
            relay.blackhole(LossyRelay.Direction.TO_CLIENT, true);
            send(socket, relay, 1);
            assertEquals(List.of(), receiveAll(socket));
            assertEquals(1, relay.counts(LossyRelay.Direction.TO_SERVER).forwarded(), "only the other direction passes");
            assertEquals(1, relay.counts(LossyRelay.Direction.TO_CLIENT).blackholed());
            relay.blackholeBoth(false);
            send(socket, relay, 2);
            assertEquals(List.of(2), receiveAll(socket));
        }
    }

    @Test
    void clientsBeyondTheBoundAreDroppedAndCounted() throws Exception {
        LossyRelay relay = relay(5);
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i <= LossyRelay.MAX_CLIENTS; i++) {
                DatagramSocket socket = client();
                sockets.add(socket);
                send(socket, relay, i);
            }
            assertEquals(List.of(), receiveAll(sockets.get(LossyRelay.MAX_CLIENTS)));
            assertEquals(List.of(0), receiveAll(sockets.get(0)));
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
        assertEquals(LossyRelay.MAX_CLIENTS, relay.clients());
        assertEquals(1, relay.counts(LossyRelay.Direction.TO_SERVER).overflowed());
    }

    @Test
    void itForwardsToLoopbackOnlyAndStopsByItselfAfterItsLifetime() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> LossyRelay.start(new InetSocketAddress("192.0.2.1", 4433), 1, LIFETIME));
        LossyRelay shortLived = LossyRelay.start((InetSocketAddress) echo.getLocalSocketAddress(), 1, Duration.ofMillis(200));
        relays.add(shortLived);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (shortLived.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(shortLived.isRunning());
        try (DatagramSocket socket = client()) {
            send(socket, shortLived, 1);
            assertEquals(List.of(), receiveAll(socket), "its socket is closed");
        }
    }
}
