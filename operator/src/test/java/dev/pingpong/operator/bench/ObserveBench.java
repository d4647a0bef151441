package dev.pingpong.operator.bench;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.model.PingPongPairStatus;
import dev.pingpong.operator.model.Side;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import dev.pingpong.operator.status.Conditions;
import dev.pingpong.operator.testing.ClientPodStandIn;
import dev.pingpong.operator.testing.MockCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * `make bench` (operator part): what reading the client pods' /metrics costs. PAIRS ready pairs on fabric8's mock
 * API server, each with one ready client pod whose /metrics is one {@link ClientPodStandIn} on 127.0.0.1. The
 * same pairs are held by the operator twice over the same WINDOW: first without observation (the baseline), then
 * reading every INTERVAL. Reported per interval: the CPU time of the whole JVM above the baseline (less the
 * stand-in's own threads), of the observer's threads alone, the wall time from the first read of an interval to
 * the end of its last, and the reconciles and status writes it caused.
 */
public final class ObserveBench {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(40);
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The observer's scheduling thread and the HTTP client's executor (responses, parsing); not its selector. */
    private static final Predicate<String> OBSERVER_THREADS = name -> name.startsWith("ping-observer");
    private static final Predicate<String> STAND_IN_THREADS = name -> name.startsWith("client-pod-stand-in");

    private ObserveBench() {
    }

    /** CPU nanoseconds of the process, of the observer's threads and of the stand-in's, at one moment. */
    private record Cpu(long process, long observer, long standIn) {
        static Cpu now() {
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Cpu(process, threads(OBSERVER_THREADS), threads(STAND_IN_THREADS));
        }

        Cpu since(Cpu start) {
            return new Cpu(process - start.process, observer - start.observer, standIn - start.standIn);
        }
    }

    /** What one run over WINDOW cost; {@code byThreads}: CPU ms per thread name (digits dropped), largest first. */
    private record Run(Cpu cpu, long reconciles, long statusWrites, String byThreads) {
    }

    public static void main(String[] args) throws Exception {
        // Stopping an operator interrupts the reconciles in flight: expected here, and no figure of the bench.
        System.setProperty("org.slf4j.simpleLogger.log.io.javaoperatorsdk", "error");
        System.setProperty("org.slf4j.simpleLogger.log.dev.pingpong.operator.reconciler", "error");
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        MOCK_LOG.setLevel(Level.WARNING);
        THREADS.setThreadCpuTimeEnabled(true);
        try (MockCluster cluster = MockCluster.start(ObserveBench.class);
             ClientPodStandIn pods = ClientPodStandIn.start(4)) {
            KubernetesClient client = cluster.client();
            List<Children> children = readyPairs(cluster, pairs, pods);

            Run baseline = hold(cluster, OperatorRuntime.Settings.defaults().withObserveInterval(Duration.ZERO),
                    ObserveBench::quiet, pairs);
            pods.record();
            long intervalsBefore = System.nanoTime();
            Run observed = hold(cluster, OperatorRuntime.Settings.defaults().withObserveInterval(INTERVAL),
                    metrics -> children.stream().allMatch(pair -> flowing(client, pair)), pairs);
            List<Long> walls = intervalWalls(pods.served(), intervalsBefore);

            double intervals = WINDOW.toNanos() / (double) INTERVAL.toNanos();
            long extra = observed.cpu().process() - observed.cpu().standIn() - baseline.cpu().process();
            System.out.printf("operator observe bench: pairs=%d interval=%s window=%ds (%.0f intervals)%n", pairs,
                    INTERVAL.toMillis() + "ms", WINDOW.toSeconds(), intervals);
            System.out.printf("  baseline, no observation: JVM CPU %d ms over the window, reconciles %d, status writes %d%n",
                    baseline.cpu().process() / 1_000_000, baseline.reconciles(), baseline.statusWrites());
            System.out.printf("  observing: JVM CPU %d ms (stand-in pods' threads %d ms excluded), reconciles %d, status writes %d%n",
                    (observed.cpu().process() - observed.cpu().standIn()) / 1_000_000,
                    observed.cpu().standIn() / 1_000_000, observed.reconciles(), observed.statusWrites());
            System.out.printf("  per interval for %d client pods: CPU above baseline %.1f ms, of it the observer's threads %.1f ms; "
                    + "%.1f reconciles, %.1f status writes%n", pairs, extra / intervals / 1e6,
                    observed.cpu().observer() / intervals / 1e6, (observed.reconciles() - baseline.reconciles()) / intervals,
                    (observed.statusWrites() - baseline.statusWrites()) / intervals);
            System.out.printf("  most CPU by thread, baseline: %s%n", baseline.byThreads());
            System.out.printf("  most CPU by thread, observing: %s%n", observed.byThreads());
            System.out.printf("  wall time of an interval's reads (first read to end of last): median %d ms, max %d ms over %d intervals%n",
                    percentile(walls, 50), percentile(walls, 100), walls.size());
        }
        System.exit(0);
    }

    /** PAIRS pairs with both Deployments ready and a client pod each, made with an operator that then stops. */
    private static List<Children> readyPairs(MockCluster cluster, int pairs, ClientPodStandIn pods) throws Exception {
        Operator operator = cluster.startOperator(Clock.systemUTC(), new OperatorMetrics(),
                OperatorRuntime.Settings.defaults().withObserveInterval(Duration.ZERO));
        ExecutorService creators = Executors.newFixedThreadPool(8);
        List<Future<Children>> created = IntStream.range(0, pairs).mapToObj(i -> creators.submit(() -> {
            Children children = Children.of(cluster.createPair("bench", String.format("pair-%03d", i),
                    new PingPongPairSpec()));
            MockCluster.await("Deployments of " + children.pair(), () -> cluster.deployment(children, Side.SERVER) != null
                    && cluster.deployment(children, Side.CLIENT) != null);
            cluster.reportReady(children, Side.SERVER, 1);
            cluster.reportReady(children, Side.CLIENT, 1);
            cluster.putPod(children, Side.SERVER, children.pair() + "-server-1", true, null, Instant.now());
            cluster.putClientPod(children, children.pair() + "-client-1", pods.port(), Instant.now());
            return children;
        })).toList();
        List<Children> children = new ArrayList<>();
        for (Future<Children> pair : created) {
            children.add(pair.get());
        }
        creators.shutdown();
        MockCluster.await("every pair Ready", () -> children.stream().allMatch(pair -> Conditions.find(
                status(cluster.client(), pair).getConditions(), Conditions.READY)
                .map(c -> "True".equals(c.getStatus())).orElse(false)));
        operator.stop();
        return children;
    }

    /**
     * Starts an operator, waits until it has reconciled every pair once and {@code settled}, then for 2 x 10
     * intervals (so every pair's refresh came at least once), then measures it over WINDOW and stops it.
     */
    private static Run hold(MockCluster cluster, OperatorRuntime.Settings settings, Predicate<OperatorMetrics> settled,
                            int pairs) throws InterruptedException {
        OperatorMetrics metrics = new OperatorMetrics();
        Operator operator = cluster.startOperator(Clock.systemUTC(), metrics, settings);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (metrics.reconciliations() < pairs || !settled.test(metrics)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bench: pairs did not settle");
            }
            Thread.sleep(500);
        }
        Thread.sleep(INTERVAL.toMillis() * 20);
        long reconciles = metrics.reconciliations();
        int writes = statusWrites(cluster, pairs);
        Cpu start = Cpu.now();
        Map<String, Long> threadsBefore = cpuByThreadName();
        Thread.sleep(WINDOW.toMillis());
        Map<String, Long> threadsAfter = cpuByThreadName();
        Run run = new Run(Cpu.now().since(start), metrics.reconciliations() - reconciles,
                statusWrites(cluster, pairs) - writes, largest(threadsBefore, threadsAfter));
        operator.stop();
        return run;
    }

    /** No reconcile for 5 seconds. */
    private static boolean quiet(OperatorMetrics metrics) {
        long before = metrics.reconciliations();
        try {
            Thread.sleep(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return metrics.reconciliations() == before;
    }

    private static boolean flowing(KubernetesClient client, Children pair) {
        PingPongPair current = client.resources(PingPongPair.class).inNamespace("bench").withName(pair.pair()).get();
        return current.getStatus() != null && Conditions.find(current.getStatus().getConditions(), Conditions.PINGS_FLOWING)
                .map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static PingPongPairStatus status(KubernetesClient client, Children pair) {
        PingPongPair current = client.resources(PingPongPair.class).inNamespace("bench").withName(pair.pair()).get();
        return current.getStatus() == null ? new PingPongPairStatus() : current.getStatus();
    }

    private static int statusWrites(MockCluster cluster, int pairs) {
        return IntStream.range(0, pairs).map(i -> cluster.requests("PATCH",
                String.format("/apis/pingpong.dev/v1alpha1/namespaces/bench/pingpongpairs/pair-%03d/status", i))).sum();
    }

    /** The reads grouped into intervals (a pause of half an interval starts the next); each one's first-to-last span. */
    private static List<Long> intervalWalls(List<long[]> served, long after) {
        List<long[]> sorted = served.stream().filter(request -> request[0] >= after)
                .sorted((a, b) -> Long.compare(a[0], b[0])).toList();
        List<Long> walls = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (long[] request : sorted) {
            if (start >= 0 && request[0] - end > INTERVAL.toNanos() / 2) {
                walls.add((end - start) / 1_000_000);
                start = -1;
            }
            if (start < 0) {
                start = request[0];
                end = request[1];
            }
            end = Math.max(end, request[1]);
        }
        return walls;
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    /** CPU nanoseconds per thread name with its numbers dropped ("ReconcilerExecutor-pingpongpair-"). */
    private static Map<String, Long> cpuByThreadName() {
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                cpu.merge(info.getThreadId() + " " + info.getThreadName(),
                        Math.max(THREADS.getThreadCpuTime(info.getThreadId()), 0), Long::sum);
            }
        }
        return cpu;
    }

    /** The thread groups that used the most CPU between the two snapshots, "name ms" joined. */
    private static String largest(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> byGroup = new HashMap<>();
        after.forEach((key, cpu) -> byGroup.merge(key.substring(key.indexOf(' ') + 1).replaceAll("[0-9]+", "#"),
                cpu - before.getOrDefault(key, 0L), Long::sum));
        return byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .map(entry -> entry.getKey() + " " + entry.getValue() / 1_000_000 + " ms")
                .collect(Collectors.joining(", "));
    }

    private static long threads(Predicate<String> named) {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && named.test(infos[i].getThreadName())) {
                long cpu = THREADS.getThreadCpuTime(ids[i]);
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }
}
