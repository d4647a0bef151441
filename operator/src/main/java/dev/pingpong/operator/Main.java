package dev.pingpong.operator;

import dev.pingpong.app.CommandLineRunner;
import dev.pingpong.app.GoDurations;
import dev.pingpong.app.HealthServer;
import dev.pingpong.operator.model.DnsNames;
import dev.pingpong.operator.runtime.LeaseTimings;
import dev.pingpong.operator.runtime.OperatorMetrics;
import dev.pingpong.operator.runtime.OperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar pingpong-operator.jar}: the PingPongPair operator. Every flag also reads {@code PINGPONG_} plus
 * its name (see {@link CommandLineRunner}); some fall back to the variables Kubernetes manifests usually set.
 */
@Command(name = "pingpong-operator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs the PingPongPair operator against the cluster of the standard fabric8 configuration "
                + "(KUBECONFIG, ~/.kube/config or the in-cluster service account).")
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final Path SERVICE_ACCOUNT_NAMESPACE =
            Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
    /** Shorter would read the pods more often than they are worth: the client pings once a second by default. */
    private static final Duration MINIMUM_OBSERVE_INTERVAL = Duration.ofSeconds(1);

    @Option(names = "--health-port", paramLabel = "PORT",
            defaultValue = "8080",
            description = "TCP port of /healthz, /readyz and /metrics; 0 disables it (env PINGPONG_HEALTH_PORT; default ${DEFAULT-VALUE})")
    int healthPort;

    @Option(names = "--watch-namespaces", paramLabel = "NS[,NS...]", split = ",",
            defaultValue = "${env:WATCH_NAMESPACES:-}",
            description = "Namespaces to watch; empty = all (env PINGPONG_WATCH_NAMESPACES or WATCH_NAMESPACES)")
    List<String> watchNamespaces;

    @Option(names = "--leader-election", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
            defaultValue = "${env:LEADER_ELECTION:-false}",
            description = "Only the holder of Lease " + OperatorRuntime.LEASE_NAME + " reconciles; for several "
                    + "replicas (env PINGPONG_LEADER_ELECTION or LEADER_ELECTION; default ${DEFAULT-VALUE})")
    boolean leaderElection;

    @Option(names = "--lease-namespace", paramLabel = "NS",
            defaultValue = "${env:POD_NAMESPACE:-}",
            description = "Namespace of the Lease; default: POD_NAMESPACE, else the service account's namespace")
    String leaseNamespace;

    @Option(names = "--lease-duration", paramLabel = "DURATION", defaultValue = "15s",
            description = "How long the Lease lasts unrenewed: a stopped leader is replaced within it (env "
                    + "PINGPONG_LEASE_DURATION; default ${DEFAULT-VALUE})")
    Duration leaseDuration;

    @Option(names = "--lease-renew-deadline", paramLabel = "DURATION", defaultValue = "10s",
            description = "The leader stops leading when it could not renew for this long; shorter than "
                    + "--lease-duration (env PINGPONG_LEASE_RENEW_DEADLINE; default ${DEFAULT-VALUE})")
    Duration leaseRenewDeadline;

    @Option(names = "--lease-retry-period", paramLabel = "DURATION", defaultValue = "2s",
            description = "How often the Lease is renewed or tried; under a 2.2nd of --lease-renew-deadline (env "
                    + "PINGPONG_LEASE_RETRY_PERIOD; default ${DEFAULT-VALUE})")
    Duration leaseRetryPeriod;

    @Option(names = "--cluster-domain", paramLabel = "DOMAIN", defaultValue = OperatorRuntime.DEFAULT_CLUSTER_DOMAIN,
            description = "DNS domain of the cluster's Services, the last SAN of server certificates "
                    + "(NAME-server.NS.svc.DOMAIN) (env PINGPONG_CLUSTER_DOMAIN; default ${DEFAULT-VALUE})")
    String clusterDomain;

    @Option(names = "--observe-interval", paramLabel = "DURATION", defaultValue = "30s",
            description = "How often the operator reads each client pod's /metrics for status.observed and the "
                    + "PingsFlowing condition; 0 turns it off (env PINGPONG_OBSERVE_INTERVAL; default ${DEFAULT-VALUE})")
    Duration observeInterval;

    @Spec
    CommandSpec spec;

    private final AtomicBoolean stopping = new AtomicBoolean();

    public static void main(String[] args) {
        System.exit(CommandLineRunner.run(new Main(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Running running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: signal received");
            running.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Connects, starts the operator and the health endpoints; closing the result stops them. A cluster that cannot
     * be reached or refuses us, or a health port taken, is an expected {@link CommandLineRunner.Failure}.
     */
    Running start() {
        if (healthPort < 0 || healthPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--health-port: " + healthPort + " is not a port number");
        }
        if (!DnsNames.isSubdomain(clusterDomain)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cluster-domain: " + clusterDomain + " is not a DNS domain name");
        }
        if (observeInterval.isNegative() || (!observeInterval.isZero() && observeInterval.compareTo(MINIMUM_OBSERVE_INTERVAL) < 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--observe-interval: " + GoDurations.format(observeInterval) + " is neither 0 nor at least "
                            + GoDurations.format(MINIMUM_OBSERVE_INTERVAL));
        }
        LeaseTimings timings;
        try {
            timings = new LeaseTimings(leaseDuration, leaseRenewDeadline, leaseRetryPeriod);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lease-*: " + e.getMessage());
        }
        Set<String> namespaces = new LinkedHashSet<>();
        watchNamespaces.stream().map(String::trim).filter(ns -> !ns.isEmpty()).forEach(namespaces::add);
        OperatorMetrics metrics = new OperatorMetrics();
        KubernetesClient client = new KubernetesClientBuilder().build();
        OperatorRuntime.Settings settings = new OperatorRuntime.Settings(namespaces, leaderElection(client, timings),
                clusterDomain, observeInterval);
        Operator operator = OperatorRuntime.create(client, Clock.systemUTC(), settings, metrics);
        HealthServer health;
        try {
            health = healthPort == 0 ? null : HealthServer.builder()
                    .address(new InetSocketAddress(healthPort))
                    .readiness(() -> operator.getRuntimeInfo().isStarted()
                            && operator.getRuntimeInfo().allEventSourcesAreHealthy())
                    .metrics(metrics.registry())
                    .start();
        } catch (IOException e) {
            client.close();
            throw new CommandLineRunner.Failure("cannot serve --health-port " + healthPort, e);
        }
        Running running = new Running(operator, health, client);
        try {
            operator.start();
        } catch (RuntimeException e) {
            running.close();
            throw new CommandLineRunner.Failure("could not start against the API server at " + client.getMasterUrl(), e);
        }
        LOG.info("started namespaces={} leaderElection={} healthPort={} clusterDomain={} observeInterval={} master={}",
                namespaces.isEmpty() ? "all" : namespaces, leaderElection, healthPort, clusterDomain,
                GoDurations.format(observeInterval), client.getMasterUrl());
        return running;
    }

    /** A started operator with its health server and client. */
    final class Running implements AutoCloseable {
        private final Operator operator;
        private final HealthServer health;
        private final KubernetesClient client;

        private Running(Operator operator, HealthServer health, KubernetesClient client) {
            this.operator = operator;
            this.health = health;
            this.client = client;
        }

        KubernetesClient client() {
            return client;
        }

        @Override
        public void close() {
            stopping.set(true);
            operator.stop();
            if (health != null) {
                health.close();
            }
            client.close();
        }
    }

    private Optional<OperatorRuntime.LeaderElection> leaderElection(KubernetesClient client, LeaseTimings timings) {
        if (!leaderElection) {
            return Optional.empty();
        }
        String identity = Optional.ofNullable(System.getenv("POD_NAME"))
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .orElseGet(() -> "pingpong-operator-" + UUID.randomUUID());
        return Optional.of(new OperatorRuntime.LeaderElection(leaseNamespace(client), identity, timings, () -> {
            if (!stopping.get()) {
                LOG.error("lost Lease {} as {}: exiting so that only the new leader reconciles",
                        OperatorRuntime.LEASE_NAME, identity);
                System.exit(1);
            }
        }));
    }

    private String leaseNamespace(KubernetesClient client) {
        if (leaseNamespace != null && !leaseNamespace.isBlank()) {
            return leaseNamespace;
        }
        if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
            try {
                return Files.readString(SERVICE_ACCOUNT_NAMESPACE).trim();
            } catch (IOException e) {
                throw new CommandLineRunner.Failure("cannot read the Lease namespace", e);
            }
        }
        return Optional.ofNullable(client.getNamespace()).orElse("default");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"pingpong-operator " + (version == null ? "(development build)" : version)};
        }
    }
}
