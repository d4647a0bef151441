package dev.pingpong.operator.bench;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.PingPongPairSpec;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * `make bench` (operator part): PAIRS pairs created at once on fabric8's mock API server; reports the time until
 * every child exists and every pair has a status, the reconciles it took, and the heap of this JVM (operator and
 * mock server together, so an upper bound for the operator). Run with -Xmx256m to show it fits in 256 MiB.
 */
public final class OperatorBench {

    private static final Duration LIMIT = Duration.ofMinutes(5);
    /** Held so the level sticks: the mock server logs every request through java.util.logging. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private OperatorBench() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        MOCK_LOG.setLevel(Level.WARNING);
        try (MockCluster cluster = MockCluster.start(OperatorBench.class)) {
            KubernetesClient client = cluster.client();
            OperatorMetrics metrics = new OperatorMetrics();
            long writeBaseline = mockWriteBaseline(client, pairs * 6);
            long baseline = heapAfterGc();
            Operator operator = cluster.startOperator(Clock.systemUTC(), metrics);
            HeapPeak heapPeak = new HeapPeak();
            long start = System.nanoTime();
            ExecutorService creators = Executors.newFixedThreadPool(8);
            List<Future<PingPongPair>> created = IntStream.range(0, pairs).mapToObj(i -> creators.submit(
                    () -> cluster.createPair("bench", String.format("pair-%03d", i), new PingPongPairSpec()))).toList();
            for (Future<PingPongPair> pair : created) {
                pair.get();
            }
            creators.shutdown();
            long createdAt = System.nanoTime();
            awaitCount("children", pairs * 6, () -> count(client, "secrets") + count(client, "services")
                    + count(client, "deployments"));
            long childrenAt = System.nanoTime();
            awaitCount("statuses", pairs, () -> (int) client.resources(PingPongPair.class).inNamespace("bench").list()
                    .getItems().stream().filter(p -> p.getStatus() != null && p.getStatus().getCertificate() != null)
                    .count());
            long statusAt = System.nanoTime();
            long peak = heapPeak.bytes();
            heapPeak.close();
            long retained = heapAfterGc();
            operator.stop();
            System.out.printf("operator bench: pairs=%d%n", pairs);
            System.out.printf("  create requests done      %6d ms%n", millis(start, createdAt));
            System.out.printf("  every child exists        %6d ms (%d objects)%n", millis(start, childrenAt), pairs * 6);
            System.out.printf("  every pair has a status   %6d ms%n", millis(start, statusAt));
            System.out.printf("  baseline: the same number of ConfigMap creates without operator %6d ms%n",
                    writeBaseline);
            System.out.printf("  reconciles                %6d (%.2f per pair), errors %d%n", metrics.reconciliations(),
                    metrics.reconciliations() / (double) pairs, metrics.errors());
            System.out.printf("  heap peak (JVM, incl. mock server) %d MiB, max %d MiB%n", peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("  heap retained after GC: %d MiB with %d pairs, %d MiB before the operator started%n",
                    retained >> 20, pairs, baseline >> 20);
        }
        System.exit(0);
    }

    /** How long the mock server alone takes for {@code objects} creates from 8 threads: what the operator can't beat. */
    private static long mockWriteBaseline(KubernetesClient client, int objects) throws Exception {
        long start = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<ConfigMap>> writes = IntStream.range(0, objects).mapToObj(i -> writers.submit(() -> client.configMaps()
                .inNamespace("baseline").resource(new ConfigMapBuilder().withNewMetadata().withName("cm-" + i).endMetadata()
                        .addToData("payload", "x".repeat(1500)).build()).create())).toList();
        for (Future<ConfigMap> write : writes) {
            write.get();
        }
        writers.shutdown();
        long elapsed = millis(start, System.nanoTime());
        client.configMaps().inNamespace("baseline").delete();
        return elapsed;
    }

    private static int count(KubernetesClient client, String kind) {
        String selector = Children.MANAGED_SELECTOR;
        return switch (kind) {
            case "secrets" -> client.secrets().inNamespace("bench").withLabelSelector(selector).list().getItems().size();
            case "services" -> client.services().inNamespace("bench").withLabelSelector(selector).list().getItems().size();
            default -> client.apps().deployments().inNamespace("bench").withLabelSelector(selector).list().getItems().size();
        };
    }

    private static void awaitCount(String what, int wanted, java.util.function.IntSupplier count)
            throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (count.getAsInt() < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bench: " + what + " incomplete after " + LIMIT);
            }
            Thread.sleep(200);
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
