package dev.pingpong.server;

import dev.pingpong.app.GoDurations;
import dev.pingpong.app.HealthServer;
import dev.pingpong.webtransport.EndpointStats;
import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.WebTransportServer;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.NetUtil;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A running ping-pong server: the WebTransport endpoint with its TLS, the health/metrics/demo HTTP server and
 * the optional mDNS advertisement, started in that order and stopped in reverse.
 */
final class PingPongServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PingPongServer.class);

    private final ServerMetrics metrics;
    private final ServerTls tls;
    private final WebTransportServer endpoint;
    private final HealthServer health;
    private final MdnsAdvertiser mdns;
    private final AtomicBoolean ready;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private PingPongServer(ServerMetrics metrics, ServerTls tls, WebTransportServer endpoint, HealthServer health,
                           MdnsAdvertiser mdns, AtomicBoolean ready) {
        this.metrics = metrics;
        this.tls = tls;
        this.endpoint = endpoint;
        this.health = health;
        this.mdns = mdns;
        this.ready = ready;
    }

    /** Starts everything and prints the {@code listening} and {@code certificate} lines to {@code out}. */
    static PingPongServer start(ServerOptions options, PrintStream out) throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        ServerTls tls = ServerTls.create(options.cert, options.key, options.clientCa, options.clientAuth,
                options.certificateCheckInterval);
        WebTransportServer endpoint = null;
        HealthServer health = null;
        try {
            BadInputReporter reporter = new BadInputReporter(metrics);
            PingPongSessions sessions = new PingPongSessions(new PingStreams(metrics, reporter),
                    new DatagramAnswerer(metrics, reporter));
            OriginPolicy origins = OriginPolicy.parse(options.allowedOrigins, options.healthPort);
            PingPongAcceptor acceptor = new PingPongAcceptor(origins, sessions, metrics);
            endpoint = bind(options, tls, acceptor);
            LOG.info("allowed browser origins: {}", origins.toString().isEmpty() ? "none" : origins);

            AtomicBoolean ready = new AtomicBoolean();
            registerMetrics(metrics, endpoint.stats(), ready);
            int udpPort = endpoint.localAddresses().get(0).getPort();
            if (options.healthPort != 0) {
                health = startHealth(options.healthPort, metrics, ready, tls,
                        DemoPage.load().render(udpPort, options.path, tls::current));
            }
            printAddresses(out, endpoint, options.path, tls.current().sha256Hex());

            AtomicReference<MdnsAdvertiser> advertised = new AtomicReference<>();
            tls.onReload(next -> {
                metrics.certificateReloads.increment();
                if (advertised.get() != null) {
                    advertised.get().updateHash(next.sha256Hex());
                }
            });
            String advertisedHash = tls.current().sha256Hex();
            MdnsAdvertiser mdns = options.mdns ? MdnsAdvertiser.start(
                    options.mdnsInterfaces == null ? List.of() : options.mdnsInterfaces,
                    udpPort, options.path, advertisedHash) : null;
            advertised.set(mdns);
            if (mdns != null && !advertisedHash.equals(tls.current().sha256Hex())) {
                mdns.updateHash(tls.current().sha256Hex());
            }
            ready.set(true);
            return new PingPongServer(metrics, tls, endpoint, health, mdns, ready);
        } catch (Exception | Error e) {
            if (health != null) {
                health.close();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            tls.close();
            throw e;
        }
    }

    private static HealthServer startHealth(int port, ServerMetrics metrics, AtomicBoolean ready, ServerTls tls,
                                            Supplier<String> demoPage) throws IOException {
        HealthServer health = HealthServer.builder()
                .address(new InetSocketAddress(port))
                .readiness(ready::get)
                .metrics(metrics.registry)
                .route("/cert-hash", "text/plain; charset=utf-8", () -> tls.current().sha256Hex() + "\n")
                .route("/", "text/html; charset=utf-8", demoPage)
                .start();
        LOG.info("health, metrics and demo page on http://localhost:{}/", health.port());
        return health;
    }

    /** The lines scripts read: one per bound socket, then the certificate hash. */
    private static void printAddresses(PrintStream out, WebTransportServer endpoint, String path, String sha256) {
        for (InetSocketAddress address : endpoint.localAddresses()) {
            out.println("listening udp=" + hostPort(address) + " path=" + path);
        }
        out.println("certificate sha256=" + sha256);
        out.flush();
    }

    /** Without --host, the library's default bind: [::] (dual stack), or 0.0.0.0 where IPv6 is off. */
    private static WebTransportServer bind(ServerOptions options, ServerTls tls, PingPongAcceptor acceptor)
            throws InterruptedException {
        WebTransportServer.Builder builder = WebTransportServer.builder();
        if (options.host != null) {
            builder.bind(new InetSocketAddress(options.host, options.port));
        } else {
            builder.port(options.port);
        }
        if (options.eventLoops != null) {
            builder.eventLoops(options.eventLoops);
        }
        return builder
                .sslContext(tls.context())
                .route(options.path, acceptor)
                .limits(Limits.builder().maxSessions(options.maxSessions).build())
                .requireAddressValidation(options.requireRetry)
                .start();
    }

    private static void registerMetrics(ServerMetrics metrics, EndpointStats stats, AtomicBoolean ready) {
        metrics.registry.gauge("pingpong_ready", "1 while the server accepts sessions, 0 while draining.",
                () -> ready.get() ? 1 : 0);
        metrics.registry.gauge("pingpong_sessions", "WebTransport sessions open now.", stats::openSessions);
        metrics.registry.register(out -> stats.counters().forEach((name, value) ->
                out.counter("webtransport_" + name + "_total", "WebTransport library counter " + name + ".", value)));
        metrics.registry.register(out -> stats.gauges().forEach((name, value) ->
                out.gauge("webtransport_" + name, "WebTransport library gauge " + name + ".", value)));
        metrics.registry.gauge("netty_direct_memory_used_bytes", "Direct memory Netty has allocated.",
                PlatformDependent::usedDirectMemory);
        metrics.registry.gauge("netty_pooled_direct_memory_used_bytes", "Direct memory of Netty's default pool.",
                () -> PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
        metrics.registerJvm();
    }

    /** RFC 5952 form, as users write addresses: {@code [::]:4433}, {@code [::1]:4433}, {@code 127.0.0.1:4433}. */
    private static String hostPort(InetSocketAddress address) {
        return NetUtil.toSocketAddressString(address);
    }

    List<InetSocketAddress> udpAddresses() {
        return endpoint.localAddresses();
    }

    int healthPort() {
        return health == null ? 0 : health.port();
    }

    String certificateSha256() {
        return tls.current().sha256Hex();
    }

    Instant certificateNotAfter() {
        return tls.current().notAfter();
    }

    /** A counter of the WebTransport library by its stats name, 0 when it has not counted yet. */
    long libraryCounter(String name) {
        return endpoint.stats().counters().getOrDefault(name, 0L);
    }

    /** A gauge of the WebTransport library by its stats name. */
    long libraryGauge(String name) {
        return endpoint.stats().gauges().get(name);
    }

    int openSessions() {
        return endpoint.stats().openSessions();
    }

    ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Graceful stop, one log line per step: not ready, mDNS withdrawn, new sessions refused and live ones asked to
     * drain, then closed after {@code drainTimeout} at the latest; the HTTP side goes last so probes see it.
     */
    void stop(Duration drainTimeout) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutdown: not ready, refusing new sessions");
        withdraw();
        LOG.info("shutdown: draining {} session(s), waiting up to {}", endpoint.stats().openSessions(),
                GoDurations.format(drainTimeout));
        boolean done = endpoint.shutdown(drainTimeout).awaitUninterruptibly(drainTimeout.toMillis() + 5_000,
                TimeUnit.MILLISECONDS);
        LOG.info("shutdown: endpoint closed{}", done ? "" : " (forced after timeout)");
        if (!done) {
            endpoint.close();
        }
        releaseRest();
        LOG.info("shutdown: complete");
    }

    /** Immediate stop. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        withdraw();
        endpoint.close();
        releaseRest();
    }

    /** Not ready any more, and no longer advertised: the first step of either stop. */
    private void withdraw() {
        ready.set(false);
        if (mdns != null) {
            mdns.close();
        }
    }

    /** After the endpoint: the certificate watcher, then the HTTP side, so probes see the stop to the end. */
    private void releaseRest() {
        tls.close();
        if (health != null) {
            health.close();
        }
    }
}
