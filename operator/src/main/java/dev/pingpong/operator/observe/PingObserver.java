package dev.pingpong.operator.observe;

import dev.pingpong.operator.dependent.Children;
import dev.pingpong.operator.model.PairAnnotations;
import dev.pingpong.operator.model.PingPongPair;
import dev.pingpong.operator.model.Side;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every client pod's {@code /metrics} once per interval and tells the reconciler what that says about each
 * pair's pings ({@link PingsObservation}), as an event source: a pair is reconciled when its observation changes
 * in a way worth a status write (see {@link PingsObservation#tellsTheSameAs}), and once every
 * {@value #REFRESH_INTERVALS} intervals (each pair on its own tick) so that the figures' times stay current. Pods and pairs come from the
 * informers' caches; the reads run on one thread of its own, a few at a time (see {@link MetricsScraper}), never
 * on a reconciler thread. Paused pairs (annotation {@value PairAnnotations#PAUSED} = "true") are not read, and
 * start afresh when resumed.
 */
public final class PingObserver extends AbstractEventSource<PingsObservation, PingPongPair> {

    public static final String NAME = "pings";
    /** The container port the Deployments name for /healthz, /readyz and /metrics. */
    static final String HTTP_PORT = "http";
    static final String METRICS_PATH = "/metrics";
    static final int REFRESH_INTERVALS = 10;
    static final int CONCURRENCY = 16;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(PingObserver.class);

    private final Duration interval;
    private final Clock clock;
    private final Cache<PingPongPair> pairs;
    private final Cache<Pod> pods;
    private final Function<PingPongPair, Optional<Duration>> unhealthyAfter;
    private final Map<ResourceID, PairPings> trackers = new HashMap<>();
    private final Map<ResourceID, PingsObservation> published = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private MetricsScraper scraper;
    private long ticks;

    /**
     * @param interval       how often to read; zero turns observation off (nothing is read, nothing published)
     * @param unhealthyAfter a pair's recovery.unhealthyAfter, empty when its spec is invalid (it is not read then)
     */
    public PingObserver(Duration interval, Clock clock, Cache<PingPongPair> pairs, Cache<Pod> pods,
                        Function<PingPongPair, Optional<Duration>> unhealthyAfter) {
        super(PingsObservation.class, NAME);
        this.interval = interval;
        this.clock = clock;
        this.pairs = pairs;
        this.pods = pods;
        this.unhealthyAfter = unhealthyAfter;
    }

    /** Whether an observer with {@code interval} reads anything. */
    public static boolean observes(Duration interval) {
        return !interval.isZero() && !interval.isNegative();
    }

    @Override
    public synchronized void start() {
        super.start();
        if (observes(interval) && scheduler == null) {
            Duration timeout = REQUEST_TIMEOUT.compareTo(interval) < 0 ? REQUEST_TIMEOUT : interval;
            scraper = new MetricsScraper(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout, timeout,
                    CONCURRENCY);
            scheduler = Executors.newSingleThreadScheduledExecutor(ObserverThreads.named("ping-observer"));
            scheduler.scheduleWithFixedDelay(this::tickSafely, interval.toNanos(), interval.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scraper.close();
            scheduler = null;
        }
        super.stop();
    }

    @Override
    public Set<PingsObservation> getSecondaryResources(PingPongPair pair) {
        PingsObservation last = published.get(ResourceID.fromResource(pair));
        return last == null ? Set.of() : Set.of(last);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // the next interval tries again; a scheduled task that throws would never run again
            LOG.warn("reading client metrics failed: {}", e.toString());
        }
    }

    /** One interval: read every client pod of every pair that is not paused, then conclude per pair. */
    private void tick() {
        ticks++;
        Map<ResourceID, List<Pod>> clientPods = pods.list(PingObserver::readable)
                .collect(Collectors.groupingBy(PingObserver::pairOf));
        Map<ResourceID, Duration> observed = new LinkedHashMap<>();
        pairs.list().forEach(pair -> {
            ResourceID id = ResourceID.fromResource(pair);
            if (!PairAnnotations.paused(pair)) {
                unhealthyAfter.apply(pair).ifPresent(after -> observed.put(id, after));
            }
        });
        trackers.keySet().retainAll(observed.keySet());
        published.keySet().removeIf(id -> pairs.get(id).isEmpty());

        Map<ResourceID, List<CompletableFuture<PodScrape>>> reads = new HashMap<>();
        observed.keySet().forEach(id -> reads.put(id, clientPods.getOrDefault(id, List.of()).stream()
                .map(this::read).toList()));
        try {
            // every read ends within its timeouts; stop() interrupts the wait
            CompletableFuture.allOf(reads.values().stream().flatMap(List::stream).toArray(CompletableFuture[]::new))
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a read failed unexpectedly", e.getCause());
        }

        Instant now = clock.instant();
        observed.forEach((id, after) -> {
            List<PodScrape> scrapes = reads.get(id).stream().map(CompletableFuture::join).toList();
            PingsObservation observation = trackers.computeIfAbsent(id, unused -> new PairPings())
                    .record(scrapes, after, now);
            publishIfNews(id, observation);
        });
    }

    private CompletableFuture<PodScrape> read(Pod pod) {
        String name = pod.getMetadata().getName();
        Optional<Integer> port = metricsPort(pod);
        if (port.isEmpty()) {
            return CompletableFuture.completedFuture(new PodScrape.Failed(name, "no container port named " + HTTP_PORT));
        }
        String ip = pod.getStatus().getPodIP();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return scraper.scrape(name, URI.create("http://" + host + ":" + port.get() + METRICS_PATH));
    }

    private void publishIfNews(ResourceID id, PingsObservation observation) {
        PingsObservation last = published.get(id);
        // each pair's refresh falls on its own tick, so that the pairs' refreshes spread over the intervals
        boolean refreshDue = Math.floorMod(ticks + id.hashCode(), REFRESH_INTERVALS) == 0;
        if (last != null && observation.tellsTheSameAs(last) && !refreshDue) {
            return;
        }
        published.put(id, observation);
        if (last == null || !observation.reason().equals(last.reason())) {
            LOG.info("pings pair={}/{} PingsFlowing={} reason={}: {}", id.getNamespace().orElse(""), id.getName(),
                    observation.status(), observation.reason(), observation.message());
        }
        if (isRunning()) {
            getEventHandler().handleEvent(new Event(id));
        }
    }

    /** A client pod that is not going away and has an address. */
    private static boolean readable(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && Side.CLIENT.component().equals(labels.get(Children.COMPONENT_LABEL))
                && labels.get(Children.INSTANCE_LABEL) != null
                && pod.getMetadata().getDeletionTimestamp() == null
                && pod.getStatus() != null && pod.getStatus().getPodIP() != null
                && !pod.getStatus().getPodIP().isBlank();
    }

    private static ResourceID pairOf(Pod pod) {
        return new ResourceID(pod.getMetadata().getLabels().get(Children.INSTANCE_LABEL),
                pod.getMetadata().getNamespace());
    }

    private static Optional<Integer> metricsPort(Pod pod) {
        List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
        return containers.stream()
                .flatMap(container -> Optional.ofNullable(container.getPorts()).orElse(List.of()).stream())
                .filter(port -> HTTP_PORT.equals(port.getName()))
                .map(ContainerPort::getContainerPort)
                .filter(Objects::nonNull)
                .findFirst();
    }

}
