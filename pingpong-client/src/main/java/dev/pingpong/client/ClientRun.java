package dev.pingpong.client;

import dev.pingpong.protocol.WellKnownNames;
import dev.pingpong.app.HealthServer;
import dev.pingpong.client.discovery.DiscoveryException;
import dev.pingpong.client.discovery.ServerLocator;
import dev.pingpong.client.discovery.ServerTarget;
import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.tls.ServerTrust;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the client: find the server, start the session loops, wait for them, print the summary and say
 * how the run ended. An interrupt (SIGINT, SIGTERM) stops the loops and still prints the summary.
 */
final class ClientRun {

    /** Everything the command line decided. */
    record Config(ServerLocator.Plan plan, ServerLocator.Settings discovery, LoopSettings loop, Load load,
                  ClientTls tls, boolean json, boolean quiet, int healthPort) {

        int sessions() {
            return load.sessions();
        }
    }

    /**
     * How the sessions load the server.
     *
     * @param connectRate new sessions per second at most while they ramp up
     * @param eventLoops  event loops the sessions go round, each with up to {@link #SOCKETS_PER_LOOP} WebTransport
     *                    clients (one UDP socket each)
     */
    record Load(int sessions, int connectRate, int eventLoops) {

        /**
         * A server spreading its connections over several loops (SO_REUSEPORT) hashes each client address and port to
         * one of them, so all sessions of one socket land on the same server loop: with a socket per client loop, two
         * client processes gave a 2-loop server 4 ports to spread, often 3 to 1 or 4 to 0. More ports spread evenly.
         */
        static final int SOCKETS_PER_LOOP = 8;

        /** UDP sockets (WebTransport clients): {@link #SOCKETS_PER_LOOP} per loop, at most one per session. */
        int sockets() {
            return (int) Math.min(sessions, (long) eventLoops * SOCKETS_PER_LOOP);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ClientRun.class);
    private static final Duration MIN_CONNECT_ATTEMPT = Duration.ofSeconds(1);
    /**
     * QUIC resends an unanswered Initial 1, 3 and 7 s into an attempt (its probe timeout doubles): past 4 s an
     * attempt mostly waits, while a fresh one sends at once. A network that heals is found sooner.
     */
    private static final Duration MAX_CONNECT_ATTEMPT = Duration.ofSeconds(4);
    private static final Duration MIN_IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final long FLUSH_EVERY_MILLIS = 100;
    private static final int CONCURRENT_CONNECTS = 16;

    private final Config config;
    private final PrintStream out;
    private final PrintStream err;
    private final PingTotals stats;
    private final Report report;

    ClientRun(Config config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
        this.stats = new PingTotals(config.load().eventLoops());
        this.report = config.json() ? new JsonReport(out, config.quiet()) : new HumanReport(out, config.sessions() > 1, config.quiet());
    }

    Ending run() throws InterruptedException {
        // Discovery (DNS, mDNS) and the report's flushes; the pings run on the WebTransport clients' own loops.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            return runOn(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private Ending runOn(EventLoopGroup group) throws InterruptedException {
        ServerTarget target;
        try {
            target = ServerLocator.locate(config.plan(), config.discovery(), group.next(), config.loop().connectTimeout());
        } catch (DiscoveryException e) {
            return new Ending(Ending.Reason.NO_SERVER, "no server found: " + e.getMessage());
        }
        List<WebTransportClient> clients = new ArrayList<>();
        try {
            ServerTrust trust = config.tls().trust(target, err);
            log.info("server {} (from {}), trusted by {}", target.uri(), target.source(), trust);
            WebTransportClient.Builder builder = WebTransportClient.builder()
                    .sslContext(config.tls().context(trust))
                    .limits(Limits.builder().idleTimeout(idleTimeout()).maxQueuedDatagrams(queuedDatagrams()).build());
            // One client per UDP socket: the first of each event loop makes and owns the loop, the others share it, so
            // client i runs on loop i % eventLoops.
            int loops = config.load().eventLoops();
            for (int i = 0; i < config.load().sockets(); i++) {
                clients.add(i < loops ? builder.build() : builder.eventLoopGroup(clients.get(i % loops).eventLoop()).build());
            }
        } catch (IOException | GeneralSecurityException e) {
            // The files of --ca, --cert and --key are there but do not hold what they should: a bad flag value.
            return new Ending(Ending.Reason.BAD_USAGE, "cannot set up TLS: " + e.getMessage());
        }
        try (HealthServer health = startHealth()) {
            return pingAll(clients, target, group);
        } catch (IOException e) {
            return new Ending(Ending.Reason.NO_SERVER, "cannot serve --health-port " + config.healthPort() + ": " + e.getMessage());
        } finally {
            // The clients sharing a loop first: the owner's close ends the loop.
            for (int i = clients.size() - 1; i >= 0; i--) {
                clients.get(i).close();
            }
        }
    }

    private Ending pingAll(List<WebTransportClient> clients, ServerTarget target, EventLoopGroup group)
            throws InterruptedException {
        ConnectOptions options = ConnectOptions.DEFAULT.withProtocols(List.of(WellKnownNames.SUBPROTOCOL)).withTimeout(connectAttemptTimeout());
        ConnectLimiter limiter = new ConnectLimiter(CONCURRENT_CONNECTS);
        PingTransports transports = PingTransports.of(config.loop().mode(), config.loop().payload());
        List<SessionLoop> loops = new ArrayList<>();
        List<CompletableFuture<Ending>> results = new ArrayList<>();
        for (int i = 0; i < config.sessions(); i++) {
            int clientIndex = i % clients.size();
            int loopIndex = clientIndex % config.load().eventLoops();
            WebTransportClient client = clients.get(clientIndex);
            SessionLoop.SessionConnector connector = (events, started) -> limiter.submit(() -> {
                started.run();
                return client.connect(target.uri(), options, events);
            });
            SessionLoop loop = new SessionLoop(i, config.loop(), target.uri(), connector, transports,
                    LoopScheduler.on(client.eventLoop()), backoff(), stats.loop(loopIndex), report);
            loops.add(loop);
            results.add(loop.start(stagger(i)));
        }
        Future<?> flusher = group.next().scheduleAtFixedRate(report::flush, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        Thread interrupt = new Thread(() -> stopAll(loops, results, target), "pingpong-client-interrupt");
        Runtime.getRuntime().addShutdownHook(interrupt);
        Ending ending = awaitAll(results);
        flusher.cancel(false);
        if (!removeHook(interrupt)) {
            return Ending.of(Ending.Reason.INTERRUPTED);
        }
        report.summary(target.uri().toString(), stats.summary());
        return ending;
    }

    /** The shutdown hook: settle what is in flight, then print the summary the normal path would have printed. */
    private void stopAll(List<SessionLoop> loops, List<CompletableFuture<Ending>> results, ServerTarget target) {
        loops.forEach(SessionLoop::stop);
        for (CompletableFuture<Ending> result : results) {
            try {
                result.get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                log.warn("a session loop did not stop in time: {}", e.toString());
            }
        }
        report.summary(target.uri().toString(), stats.summary());
    }

    /** How the loops ended together: the ending of highest precedence, the first of them on a tie. */
    private static Ending awaitAll(List<CompletableFuture<Ending>> results) throws InterruptedException {
        Ending ending = Ending.completed(0);
        for (CompletableFuture<Ending> result : results) {
            try {
                ending = ending.and(result.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a session loop failed", e.getCause());
            }
        }
        return ending;
    }

    /** False when the JVM is already shutting down (the hook then prints the summary). */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /**
     * Spreads the sessions' starts over one interval, and at no more than {@code --connect-rate} per second: a
     * thousand QUIC handshakes at once (each a signature on the server) time out on a small machine.
     */
    private Duration stagger(int session) {
        if (config.sessions() == 1) {
            return Duration.ZERO;
        }
        Duration ramp = Duration.ofSeconds(1).multipliedBy(config.sessions()).dividedBy(config.load().connectRate());
        Duration window = config.loop().interval().compareTo(ramp) > 0 ? config.loop().interval() : ramp;
        return window.multipliedBy(session).dividedBy(config.sessions());
    }

    /** Long enough that the pause between two pings never idles the connection out. */
    private Duration idleTimeout() {
        Duration needed = config.loop().interval().multipliedBy(3).plus(config.loop().timeout());
        return needed.compareTo(MIN_IDLE_TIMEOUT) > 0 ? needed : MIN_IDLE_TIMEOUT;
    }

    /** A window of datagram PINGs is written at once: quiche's queue holds all of it (beyond it, sends are dropped). */
    private int queuedDatagrams() {
        return Math.max(Limits.DEFAULT.maxQueuedDatagrams(), config.loop().window());
    }

    private Backoff backoff() {
        return Backoff.withRandomJitter(config.loop().backoffInitial(), config.loop().backoffMax());
    }

    private HealthServer startHealth() throws IOException {
        if (config.healthPort() == 0) {
            return null;
        }
        long window = config.loop().readinessWindow().toNanos();
        HealthServer health = HealthServer.builder()
                .address(new InetSocketAddress(config.healthPort()))
                .readiness(() -> stats.pongWithin(window, System.nanoTime()))
                .metrics(ClientMetrics.of(stats))
                .start();
        log.info("health on http://0.0.0.0:{}/ (/healthz, /readyz, /metrics)", health.port());
        return health;
    }

    /**
     * One connect attempt may take twice the ping timeout, within [1s, 4s] and never past --connect-timeout: a
     * server that is down (its QUIC Initial unanswered) costs one short attempt, not the whole budget.
     */
    private Duration connectAttemptTimeout() {
        Duration attempt = config.loop().timeout().multipliedBy(2);
        attempt = attempt.compareTo(MIN_CONNECT_ATTEMPT) < 0 ? MIN_CONNECT_ATTEMPT : attempt;
        attempt = attempt.compareTo(MAX_CONNECT_ATTEMPT) > 0 ? MAX_CONNECT_ATTEMPT : attempt;
        return attempt.compareTo(config.loop().connectTimeout()) > 0 ? config.loop().connectTimeout() : attempt;
    }
}
