package dev.pingpong.client.bench;

import dev.pingpong.protocol.Frames;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The physical limit a ping is compared with: a blocking Java UDP echo between two processes, with packets the size
 * of a PING frame. {@code server} prints {@code port N} and echoes until killed; {@code client PORT PINGS WARMUP}
 * sends one packet at a time and prints the round trips as a {@link RoundTrips} line.
 */
public final class UdpEcho {

    private static final int BUFFER = 2048;

    private UdpEcho() {
    }

    public static void main(String[] args) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (args[0].equals("server")) {
            serve(loopback);
        } else {
            ping(new InetSocketAddress(loopback, Integer.parseInt(args[1])), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        }
    }

    private static void serve(InetAddress loopback) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, loopback)) {
            System.out.println("port " + socket.getLocalPort());
            DatagramPacket packet = new DatagramPacket(new byte[BUFFER], BUFFER);
            while (true) {
                packet.setLength(BUFFER);
                socket.receive(packet);
                socket.send(packet);
            }
        }
    }

    private static void ping(InetSocketAddress echo, int pings, int warmup) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, echo.getAddress())) {
            socket.connect(echo);
            socket.setSoTimeout(5000);
            DatagramPacket request = new DatagramPacket(new byte[Frames.HEADER_LENGTH], Frames.HEADER_LENGTH);
            DatagramPacket reply = new DatagramPacket(new byte[BUFFER], BUFFER);
            RoundTrips rtts = new RoundTrips(pings);
            for (int i = -warmup; i < pings; i++) {
                long start = System.nanoTime();
                socket.send(request);
                reply.setLength(BUFFER);
                socket.receive(reply);
                if (i >= 0) {
                    rtts.add(System.nanoTime() - start);
                }
            }
            System.out.println(rtts.line());
        }
    }
}
