package dev.pingpong.client.bench;

import dev.pingpong.client.bench.BenchResults.Flood;
import dev.pingpong.client.bench.BenchResults.Handshakes;
import dev.pingpong.client.bench.BenchResults.Latency;
import dev.pingpong.client.bench.BenchResults.Load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}: every figure of the performance issue, each printed beside its baseline from the same run,
 * then written into docs/performance.md (between its bench markers) with a generated chart. The server and client
 * are the jars of {@code make build}, run as a user would; latency runs pin every process to core 0, since a
 * wake-up across cores on a small VM measures the scheduler. Sizes: {@link BenchSizes}. Argument: the repository
 * root (default: the working directory).
 */
public final class PingBench {

    private static final String PINNED = "0";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);
    private static final int UDP_RUNS = 3;
    private static final int CONNECT_RATE = 500;

    private final Path root;
    private final Path logs;
    private final BenchSizes sizes;
    private final BenchResults results;

    private PingBench(Path root, BenchSizes sizes) {
        this.root = root;
        this.logs = root.resolve("pingpong-client/target/bench");
        this.sizes = sizes;
        this.results = new BenchResults(sizes);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        PingBench bench = new PingBench(root, BenchSizes.of(System.getenv()));
        bench.runAll();
    }

    private void runAll() throws Exception {
        results.startedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
        results.loadBefore = loadAverage();
        line("bench %s, load average %s, sizes %s", results.startedAt, results.loadBefore, sizes);
        section("udp", this::udpBaseline);
        section("websocket", this::webSocket);
        section("flupke", this::flupke);
        section("ours", this::ours);
        section("floods", this::floods);
        section("loads", this::loads);
        section("handshakes", this::handshakes);
        results.loadAfter = loadAverage();
        line("load average at the end: %s", results.loadAfter);
        Path docs = sizes.quick() || !sizes.only().isEmpty() ? logs : root.resolve("docs");
        PerformanceDoc.write(results, docs.resolve("performance.md"), docs.resolve("performance.svg"));
        line("wrote %s and %s", docs.resolve("performance.md"), docs.resolve("performance.svg"));
    }

    private interface Section {
        void run() throws Exception;
    }

    /** Runs one part of the bench unless {@code BENCH_ONLY} names others. */
    private void section(String name, Section section) throws Exception {
        if (sizes.only().isEmpty() || sizes.only().contains(name)) {
            section.run();
        }
    }

    // ---- baselines ----

    private void udpBaseline() throws Exception {
        Latency best = Latency.NONE;
        for (int run = 1; run <= UDP_RUNS; run++) {
            Latency latency = helperPair("udp", PINNED, PINNED, UdpEcho.class, sizes.pings(), sizes.warmupPings());
            results.udpRuns.add(latency.p50());
            if (Double.isNaN(best.p50()) || latency.p50() < best.p50()) {
                best = latency;
            }
        }
        results.udp = new Latency("UDP echo, two processes (best p50 of 3)", best.p50(), best.p99());
        line("UDP echo, two processes, pinned to core %s, %,d round trips: best p50 %.4f ms (runs %s), p99 %.4f ms",
                PINNED, sizes.pings(), best.p50(), results.udpRuns, best.p99());
        Latency cross = helperPair("udp-cross", "0", "1", UdpEcho.class, sizes.pings(), sizes.warmupPings());
        results.udpCrossCore = new Latency("UDP echo, across cores", cross.p50(), cross.p99());
        line("UDP echo across cores (server core 0, client core 1): p50 %.4f ms (%.1fx pinned)", cross.p50(),
                cross.p50() / best.p50());
    }

    private void webSocket() throws Exception {
        Latency ws = helperPair("websocket", PINNED, PINNED, WebSocketPing.class, sizes.pings(), sizes.warmupPings());
        results.webSocket = new Latency("WebSocket over TLS (Netty), two processes", ws.p50(), ws.p99());
        line("WebSocket over TLS, pinned, %,d pings: p50 %.4f ms (%.1fx UDP), p99 %.4f ms", sizes.pings(), ws.p50(),
                results.timesUdp(ws), ws.p99());
    }

    private void flupke() throws Exception {
        CompletableFuture<String> start = new CompletableFuture<>();
        try (BenchProcess server = BenchProcess.start("flupke-server", PINNED, BenchProcess.javaMain(FlupkePingServer.class),
                logs, BenchProcess.firstMatching(l -> l.startsWith("port "), start))) {
            String[] words = BenchProcess.awaitLine(start, "flupke server", Duration.ofSeconds(30)).split(" ");
            List<String> target = List.of("--cert-hash", words[3], "https://127.0.0.1:" + words[1] + "/pingpong");
            client("flupke-warmup", PINNED, sequential(sizes.warmupPings(), "stream"), target);
            ClientResult run = client("flupke", PINNED, sequential(sizes.pings(), "stream"), target);
            results.flupke = new Latency("flupke server, our client (stream)", run.p50(), run.p99());
            line("flupke server + our client, stream, pinned, %,d pings: p50 %.4f ms (%.1fx UDP), p99 %.4f ms, lost %d",
                    sizes.pings(), run.p50(), results.timesUdp(results.flupke), run.p99(), run.lost());
        }
    }

    // ---- ours ----

    private void ours() throws Exception {
        try (PingServer server = PingServer.start(root, logs, "server-pinned", PINNED, 1)) {
            List<String> target = server.target();
            for (String mode : List.of("stream", "datagram")) {
                client("warmup-" + mode, PINNED, sequential(sizes.warmupPings(), mode), target);
            }
            for (String mode : List.of("stream", "datagram")) {
                long serverCpuBefore = server.process().cpuNanos();
                ClientResult warm = client(mode, PINNED, sequential(sizes.pings(), mode), target);
                double serverCpuMs = (server.process().cpuNanos() - serverCpuBefore) / 1e6 / (sizes.pings() / 1000.0);
                ClientResult cold = client("cold-" + mode, PINNED, sequential(sizes.coldPings(), mode), target);
                double clientCpuMs = (warm.cpuNanos() - cold.cpuNanos()) / 1e6 / ((sizes.pings() - sizes.coldPings()) / 1000.0);
                Latency latency = new Latency("ours, " + mode, warm.p50(), warm.p99());
                Latency coldLatency = new Latency("ours, " + mode + ", cold", cold.p50(), cold.p99());
                if (mode.equals("stream")) {
                    results.stream = latency;
                    results.coldStream = coldLatency;
                    results.serverCpuStreamMs = serverCpuMs;
                    results.clientCpuStreamMs = clientCpuMs;
                } else {
                    results.datagram = latency;
                    results.coldDatagram = coldLatency;
                    results.serverCpuDatagramMs = serverCpuMs;
                    results.clientCpuDatagramMs = clientCpuMs;
                }
                line("ours, %s, pinned, %,d pings: p50 %.4f ms (%.1fx UDP p50 %.4f; target <= 4x: %s), p99 %.4f ms, lost %d",
                        mode, sizes.pings(), warm.p50(), results.timesUdp(latency), results.udp.p50(),
                        met(results.timesUdp(latency) <= 4), warm.p99(), warm.lost());
                line("ours, %s, cold (first %,d pings of a fresh client): p50 %.4f ms = %.2fx warm (target <= 1.5x: %s)",
                        mode, sizes.coldPings(), cold.p50(), cold.p50() / warm.p50(), met(cold.p50() / warm.p50() <= 1.5));
                line("ours, %s, CPU per 1,000 pings: server %.1f ms, client %.1f ms (UDP round trip p50 x 1,000: %.1f ms)",
                        mode, serverCpuMs, clientCpuMs, results.udp.p50() * 1000);
            }
        }
        try (PingServer server = PingServer.start(root, logs, "server-cross", "0", 1)) {
            client("warmup-cross", "1", sequential(sizes.warmupPings(), "stream"), server.target());
            ClientResult cross = client("stream-cross", "1", sequential(sizes.pings(), "stream"), server.target());
            results.streamCrossCore = new Latency("ours, stream, across cores", cross.p50(), cross.p99());
            line("ours, stream, across cores (server core 0, client core 1): p50 %.4f ms (%.1fx UDP across cores)",
                    cross.p50(), cross.p50() / results.udpCrossCore.p50());
        }
    }

    private void floods() throws Exception {
        for (int loops : List.of(1, 2)) {
            try (PingServer server = PingServer.start(root, logs, "server-flood-" + loops, null, loops)) {
                for (String mode : List.of("stream", "datagram")) {
                    long pings = mode.equals("stream") ? sizes.windowStreamPings() : sizes.windowDatagramPings();
                    client("flood-warmup-" + mode, null, flood(pings / 10, mode), server.target());
                    ClientResult run = client("flood-" + mode + "-" + loops, null, flood(pings, mode), server.target());
                    results.floods.add(new Flood(loops, mode, pings, run.settledPerSecond(), run.lost()));
                    double target = mode.equals("stream") ? 300_000 : 150_000;
                    line("ours, %s, 1 session, -w 64, server on %d loop(s), %,d pings: %,.0f pings/s (target >= %,.0f: %s; "
                                    + "UDP round trips one at a time: %,.0f/s), lost %d", mode, loops, pings,
                            run.settledPerSecond(), target, met(run.settledPerSecond() >= target), 1000 / results.udp.p50(),
                            run.lost());
                }
            }
        }
        for (String mode : List.of("stream", "datagram")) {
            double one = floodRate(1, mode);
            double two = floodRate(2, mode);
            line("ours, %s, -w 64: 2 loops / 1 loop = %.2f (target >= 1: %s)", mode, two / one, met(two >= one));
        }
    }

    private double floodRate(int loops, String mode) {
        return results.floods.stream().filter(f -> f.loops() == loops && f.mode().equals(mode))
                .mapToDouble(Flood::perSecond).findFirst().orElse(Double.NaN);
    }

    private void loads() throws Exception {
        for (int loops : List.of(1, 2)) {
            load(sizes.fewSessions(), 1, loops);
            load(sizes.manySessions(), 2, loops);
        }
        for (int sessions : List.of(sizes.fewSessions(), sizes.manySessions())) {
            Load one = loadOf(sessions, 1);
            Load two = loadOf(sessions, 2);
            if (one != null && two != null) {
                line("%,d sessions: p99 after the ramp, 2 loops / 1 loop = %.2f (target <= 1: %s)", sessions,
                        two.p99AfterRamp() / one.p99AfterRamp(), met(two.p99AfterRamp() <= one.p99AfterRamp()));
            }
        }
    }

    private Load loadOf(int sessions, int loops) {
        return results.loads.stream().filter(l -> l.sessions() == sessions && l.loops() == loops).findFirst().orElse(null);
    }

    /**
     * {@code sessions} at 1 ping/s for the load seconds, split over {@code clients} processes. The p99 counts the pongs
     * after the ramp: after every session of every client has answered once.
     */
    private void load(int sessions, int clients, int loops) throws Exception {
        try (PingServer server = PingServer.start(root, logs, "server-load-" + loops, null, loops)) {
            int perClient = sessions / clients;
            long startNanos = System.nanoTime();
            AtomicLong peakRssKib = new AtomicLong();
            Thread rss = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakRssKib.accumulateAndGet(server.process().rssKib(), Math::max);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss");
            rss.setDaemon(true);
            rss.start();
            List<ClientRun> runs = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                List<String> args = new ArrayList<>(List.of("--json", "--sessions", String.valueOf(perClient), "-i", "1s",
                        "-c", String.valueOf(sizes.loadSeconds()), "--timeout", "5s",
                        "--connect-rate", String.valueOf(CONNECT_RATE)));
                runs.add(ClientRun.start(root, logs, "load-" + sessions + "-" + loops + "-" + i, null, args,
                        server.target(), true));
            }
            long sent = 0;
            long lost = 0;
            StringBuilder exits = new StringBuilder();
            for (ClientRun run : runs) {
                ClientResult result = run.await(RUN_TIMEOUT);
                sent += result.sent();
                lost += result.lost();
                exits.append(exits.length() == 0 ? "" : ",").append(result.exit());
            }
            rss.interrupt();
            long rampEnd = runs.stream().mapToLong(run -> run.rampEndNanos(perClient)).max().orElse(Long.MAX_VALUE);
            boolean ramped = rampEnd != Long.MAX_VALUE;
            double[] rtts = !ramped ? new double[0] : runs.stream().flatMap(run -> run.rttsAfter(rampEnd).stream())
                    .mapToDouble(Double::doubleValue).sorted().toArray();
            double p99 = rtts.length == 0 ? Double.NaN : rtts[Math.max(0, (int) Math.ceil(rtts.length * 0.99) - 1)];
            double max = rtts.length == 0 ? Double.NaN : rtts[rtts.length - 1];
            double rampSeconds = ramped ? (rampEnd - startNanos) / 1e9 : Double.NaN;
            Load load = new Load(sessions, clients, loops, sent, lost, rampSeconds, p99, max, peakRssKib.get() / 1024,
                    exits.toString());
            results.loads.add(load);
            line("%,d sessions (%d client process%s) x 1 ping/s x %d s, server on %d loop(s): sent %,d, lost %d "
                            + "(target 0: %s), every session answered %s, p99 after that %.3f ms (%.0fx UDP p50; "
                            + "target <= 10 ms: %s), max %.1f ms, server RSS peak %d MiB (target <= 512: %s), client exits %s",
                    sessions, clients, clients == 1 ? "" : "es", sizes.loadSeconds(), loops, sent, lost, met(lost == 0),
                    ramped ? String.format(Locale.ROOT, "after %.1f s", rampSeconds) : "never", p99, p99 / results.udp.p50(),
                    met(p99 <= 10), max, load.serverRssMib(), met(load.serverRssMib() <= 512), exits);
        }
    }

    private void handshakes() throws Exception {
        try (PingServer server = PingServer.start(root, logs, "server-handshakes", "0", 1)) {
            results.sessions = handshakeRun("handshakes-wt", server.process(), "wt", server.url());
        }
        CompletableFuture<String> start = new CompletableFuture<>();
        try (BenchProcess server = BenchProcess.start("quic-server", "0", BenchProcess.javaMain(HandshakeRate.class, "quic-server"),
                logs, BenchProcess.firstMatching(l -> l.startsWith("port "), start))) {
            String port = BenchProcess.awaitLine(start, "QUIC server", Duration.ofSeconds(30)).split(" ")[1];
            results.quicHandshakes = handshakeRun("handshakes-quic", server, "quic", port);
        }
        Handshakes ours = results.sessions;
        Handshakes bare = results.quicHandshakes;
        line("new sessions per second, server on core 0 (1 loop), client on core 1: %,.0f/s (target >= 2,000: %s), "
                        + "CPU per session: server %.3f ms, client %.3f ms; bare QUIC handshakes, same client and "
                        + "certificate: %,.0f/s, CPU per handshake: server %.3f ms, client %.3f ms (sessions = %.0f%% of "
                        + "handshakes)", ours.perSecond(), met(ours.perSecond() >= 2000), ours.serverCpuMs(),
                ours.clientCpuMs(), bare.perSecond(), bare.serverCpuMs(), bare.clientCpuMs(),
                100 * ours.perSecond() / bare.perSecond());
    }

    /**
     * A {@link HandshakeRate} client on core 1 against {@code server}: the rate it counted, its CPU time per handshake,
     * and the server's over the same window (sampled as the client says the window opens and closes).
     */
    private Handshakes handshakeRun(String name, BenchProcess server, String mode, String target) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        long[] serverCpu = new long[2];
        Consumer<String> lines = line -> {
            if (line.equals("window open")) {
                serverCpu[0] = server.cpuNanos();
            } else if (line.equals("window closed")) {
                serverCpu[1] = server.cpuNanos();
            } else if (line.startsWith("handshakes ")) {
                result.complete(line);
            }
        };
        try (BenchProcess client = BenchProcess.start(name, "1", BenchProcess.javaMain(HandshakeRate.class, mode, target,
                String.valueOf(sizes.handshakeSeconds()), String.valueOf(sizes.handshakeWarmupSeconds())), logs, lines)) {
            int exit = client.await(RUN_TIMEOUT);
            if (!result.isDone()) {
                throw new IllegalStateException(name + " exited " + exit + " without a result (see " + logs + ")");
            }
        }
        String line = result.get();
        long ok = (long) value(line, "ok");
        return new Handshakes(value(line, "per_s"), (serverCpu[1] - serverCpu[0]) / 1e6 / Math.max(1, ok),
                value(line, "client_cpu_ms"));
    }

    /** The number after {@code key=} in a {@code key=value ...} line. */
    private static double value(String line, String key) {
        Matcher m = Pattern.compile("\\b" + key + "=([0-9.]+)").matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + line);
        }
        return Double.parseDouble(m.group(1));
    }

    // ---- processes ----

    private static List<String> sequential(int pings, String mode) {
        return List.of("--json", "-q", "-i", "0", "-c", String.valueOf(pings), "--mode", mode);
    }

    private static List<String> flood(long pings, String mode) {
        return List.of("--json", "-q", "-i", "0", "-w", "64", "-c", String.valueOf(pings), "--mode", mode);
    }

    private ClientResult client(String name, String cpus, List<String> args, List<String> target) throws Exception {
        ClientResult result = ClientRun.start(root, logs, name, cpus, args, target, false).await(RUN_TIMEOUT);
        if (result.exit() > 1) {
            throw new IllegalStateException("client " + name + " exited " + result.exit() + " (see " + logs + ")");
        }
        return result;
    }

    /** A helper server ({@code server} prints {@code port N}) and its client ({@code client PORT PINGS WARMUP}). */
    private Latency helperPair(String name, String serverCpus, String clientCpus, Class<?> main, int pings, int warmup)
            throws Exception {
        CompletableFuture<String> start = new CompletableFuture<>();
        try (BenchProcess server = BenchProcess.start(name + "-server", serverCpus, BenchProcess.javaMain(main, "server"),
                logs, BenchProcess.firstMatching(l -> l.startsWith("port "), start))) {
            String port = BenchProcess.awaitLine(start, name + " server", Duration.ofSeconds(30)).split(" ")[1];
            String line = helperClient(name + "-client", clientCpus, main, RoundTrips::isLine, "client", port,
                    String.valueOf(pings), String.valueOf(warmup));
            return new Latency(name, RoundTrips.value(line, "p50_ms"), RoundTrips.value(line, "p99_ms"));
        }
    }

    private String helperClient(String name, String cpus, Class<?> main, java.util.function.Predicate<String> result,
                                String... args) throws Exception {
        CompletableFuture<String> line = new CompletableFuture<>();
        try (BenchProcess client = BenchProcess.start(name, cpus, BenchProcess.javaMain(main, args), logs,
                BenchProcess.firstMatching(result, line))) {
            int exit = client.await(RUN_TIMEOUT);
            if (!line.isDone()) {
                throw new IllegalStateException(name + " exited " + exit + " without a result (see " + logs + ")");
            }
            return line.get();
        }
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return String.join(" ", Arrays.copyOf(fields, 3));
    }

    static void line(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
