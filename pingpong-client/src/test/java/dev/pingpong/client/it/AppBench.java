package dev.pingpong.client.it;

import dev.pingpong.client.Main;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code make bench}: the client against a real server process on loopback, each figure next to a plain Java UDP
 * round trip (a blocking DatagramSocket echo) measured in the same run. Prints a small report; asserts nothing.
 * Arguments: [seconds of the 1,000-session run, default 60].
 */
public final class AppBench {

    private static final int FRAME_BYTES = 19;
    private static final int LATENCY_PINGS = 20_000;
    private static final int WINDOW_PINGS = 300_000;
    private static final int LOAD_SESSIONS = 1_000;

    private AppBench() {
    }

    public static void main(String[] args) throws Exception {
        int loadSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        // Before the first logger exists: test resources on this classpath turn library logging up.
        for (String logger : List.of("org.slf4j.simpleLogger.defaultLogLevel", "org.slf4j.simpleLogger.log.io.netty",
                "org.slf4j.simpleLogger.log.dev.pingpong")) {
            System.setProperty(logger, "warn");
        }
        double[] udp = udpRoundTrips();
        line("UDP baseline (blocking DatagramSocket echo, %d-byte packets, %,d round trips): p50 %.3f ms, p99 %.3f ms",
                FRAME_BYTES, LATENCY_PINGS, udp[0], udp[1]);
        Path log = Files.createTempFile("pingpong-bench-server", ".log");
        List<String> jvm = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.dev.pingpong.webtransport=warn");
        try (RunningServer server = RunningServer.start(jvm, log)) {
            String[] pin = {"--cert-hash", server.sha256(), server.url()};
            client("--json", "-i", "0", "-c", "5000", pin[0], pin[1], pin[2]);          // warm-up, both sides
            client("--json", "-i", "0", "-c", "5000", "--mode", "datagram", pin[0], pin[1], pin[2]);
            for (String mode : List.of("stream", "datagram")) {
                Run run = client("--json", "-i", "0", "-c", String.valueOf(LATENCY_PINGS), "--mode", mode, pin[0], pin[1], pin[2]);
                double p50 = run.rtt("p50");
                line("%-8s 1 session, -i 0 (%,d pings): p50 %.3f ms (%.1fx UDP p50), p99 %.3f ms (%.1fx UDP p99), lost %d%s",
                        mode, LATENCY_PINGS, p50, p50 / udp[0], run.rtt("p99"), run.rtt("p99") / udp[1], run.number("lost"),
                        mode.equals("stream") ? target(p50 <= 20 * udp[0], "p50 <= 20x UDP p50") : "");
            }
            Run window = client("--json", "-i", "0", "-w", "64", "-c", String.valueOf(WINDOW_PINGS), pin[0], pin[1], pin[2]);
            double rate = window.pongsPerSecond();
            line("stream   1 session, -w 64 (%,d pings): %,.0f pings/s (UDP round trips one at a time: %,.0f/s), lost %d%s",
                    WINDOW_PINGS, rate, 1000 / udp[0], window.number("lost"), target(rate >= 50_000, ">= 50,000 pings/s"));

            RssSampler rss = new RssSampler(server.pid());
            Run load = client("--json", "--sessions", String.valueOf(LOAD_SESSIONS), "-i", "1s", "-c", String.valueOf(loadSeconds),
                    "--timeout", "5s", pin[0], pin[1], pin[2]);
            long peakKib = rss.stop();
            line("stream   %,d sessions x 1 ping/s x %d s: sent %d, lost %d%s; p99 %.3f ms (%.1fx UDP p99); server VmRSS peak %d MiB%s",
                    LOAD_SESSIONS, loadSeconds, load.number("sent"), load.number("lost"), target(load.number("lost") == 0, "no loss"),
                    load.rtt("p99"), load.rtt("p99") / udp[1], peakKib / 1024, target(peakKib < 512 * 1024, "RSS < 512 MiB"));
            line("server log: %s", log);
        }
    }

    private static String target(boolean met, String what) {
        return "  [target " + what + ": " + (met ? "met" : "MISSED") + "]";
    }

    private static void line(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }

    /** p50 and p99 in ms of a blocking UDP echo over loopback, after a warm-up. */
    private static double[] udpRoundTrips() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket echo = new DatagramSocket(0, loopback); DatagramSocket client = new DatagramSocket(0, loopback)) {
            Thread echoer = new Thread(() -> {
                byte[] buffer = new byte[64];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    while (true) {
                        packet.setLength(buffer.length);
                        echo.receive(packet);
                        echo.send(packet);
                    }
                } catch (java.io.IOException closed) {
                    // The socket was closed: the baseline is done.
                }
            }, "udp-echo");
            echoer.setDaemon(true);
            echoer.start();
            client.connect(echo.getLocalSocketAddress());
            client.setSoTimeout(1000);
            byte[] out = new byte[FRAME_BYTES];
            DatagramPacket request = new DatagramPacket(out, out.length);
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            long[] rtts = new long[LATENCY_PINGS];
            for (int i = -5_000; i < LATENCY_PINGS; i++) {
                long start = System.nanoTime();
                client.send(request);
                client.receive(reply);
                if (i >= 0) {
                    rtts[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(rtts);
            return new double[] {rtts[LATENCY_PINGS / 2 - 1] / 1e6, rtts[(int) Math.ceil(LATENCY_PINGS * 0.99) - 1] / 1e6};
        }
    }

    private static Run client(String... args) {
        Run run = new Run();
        int status = Main.run(args, Map.of(), new PrintStream(run, true, StandardCharsets.UTF_8), System.err);
        if (status != 0 && status != 1) {
            throw new IllegalStateException("client " + String.join(" ", args) + " exited " + status);
        }
        return run;
    }

    /** Keeps only what the report needs of the client's JSON output: pong count and times, and the summary. */
    private static final class Run extends OutputStream {
        private final StringBuilder current = new StringBuilder();
        private long pongs;
        private long firstPongNanos;
        private long lastPongNanos;
        private String summary;

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                current.append((char) b);
                return;
            }
            if (current.indexOf("{\"type\":\"pong\"") == 0) {
                long now = System.nanoTime();
                firstPongNanos = pongs++ == 0 ? now : firstPongNanos;
                lastPongNanos = now;
            } else if (current.indexOf("{\"type\":\"summary\"") == 0) {
                summary = current.toString();
            }
            current.setLength(0);
        }

        synchronized double pongsPerSecond() {
            return (pongs - 1) / ((lastPongNanos - firstPongNanos) / 1e9);
        }

        synchronized long number(String field) {
            return Long.parseLong(JsonLines.parse(summary).get(field));
        }

        synchronized double rtt(String field) {
            return Double.parseDouble(JsonLines.parse(JsonLines.parse(summary).get("rtt_ms")).get(field));
        }
    }

    /** The peak VmRSS of a process, from /proc/PID/status every 500 ms. */
    private static final class RssSampler {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peakKib = new AtomicLong();

        RssSampler(long pid) {
            Path status = Path.of("/proc", String.valueOf(pid), "status");
            timer.scheduleAtFixedRate(() -> {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                            peakKib.accumulateAndGet(kib, Math::max);
                        }
                    }
                } catch (java.io.IOException gone) {
                    // The process ended; keep the peak seen.
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
        }

        long stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(2, TimeUnit.SECONDS);
            return peakKib.get();
        }
    }
}
