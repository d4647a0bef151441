package dev.pingpong.client;

import dev.pingpong.app.CommandLineRunner;
import dev.pingpong.client.discovery.ServerLocator;
import dev.pingpong.protocol.Frames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code pingpong-client [URL]}: pings a PingPong server over WebTransport, in the manner of ping(8). */
@Command(name = "pingpong-client", mixinStandardHelpOptions = true, version = "pingpong-client 0.1.0", sortOptions = false,
        description = {"Pings a PingPong server over WebTransport and reports round-trip times.",
                "The server is the URL argument, else PINGPONG_SERVER_URL, else what --discover finds.",
                "Every flag may also be set as PINGPONG_<FLAG> (e.g. PINGPONG_HEALTH_PORT); the flag wins.",
                "Exit status: 0 all answered, 1 some lost, 2 bad usage, 3 no server found or reached."})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "URL", description = "Server URL, https://host:port/path.")
    String url;

    @Option(names = "--discover", paramLabel = "METHOD",
            description = "dns:NAME (SRV _webtransport._udp.NAME, else A/AAAA port 4433) or mdns. Default: mdns when no URL is given.")
    String discover;

    @Option(names = "--dns-server", paramLabel = "HOST:PORT", description = "DNS server for --discover dns:NAME. Default: the system's.")
    String dnsServer;

    @Option(names = "--mdns-interface", paramLabel = "ADDRESS", split = ",",
            description = "Interface addresses to browse mDNS on. Default: every multicast-capable interface.")
    List<String> mdnsInterfaces = new ArrayList<>();

    @Option(names = {"-c", "--count"}, paramLabel = "N", description = "Stop after N pings per session. Default: unlimited.")
    Long count;

    @Option(names = {"-i", "--interval"}, defaultValue = "1s", paramLabel = "DURATION",
            description = "Time between pings; 0 = flood (next ping as soon as a pong arrives). Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @Option(names = {"-w", "--window"}, defaultValue = "1", paramLabel = "N", description = "Pings in flight at once. Default: ${DEFAULT-VALUE}.")
    int window;

    @Option(names = "--sessions", defaultValue = "1", paramLabel = "N", description = "Concurrent sessions, each with its own ping loop. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--connect-rate", defaultValue = "500", paramLabel = "PER_SECOND",
            description = "New sessions per second at most while --sessions ramp up. Default: ${DEFAULT-VALUE}.")
    int connectRate;

    @Option(names = "--event-loops", paramLabel = "N",
            description = "Event loops (threads) the sessions are spread over, each with up to 8 UDP sockets. "
                    + "Default: the available processors, at most --sessions.")
    Integer eventLoops;

    @Option(names = "--mode", defaultValue = "stream", paramLabel = "MODE", description = "stream or datagram. Default: ${DEFAULT-VALUE}.")
    PingMode mode;

    @Option(names = {"-s", "--payload-size"}, defaultValue = "0", paramLabel = "BYTES", description = "Payload bytes per ping. Default: ${DEFAULT-VALUE}.")
    int payloadSize;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", description = "A ping without a pong after this long is lost. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--connect-timeout", defaultValue = "30s", paramLabel = "DURATION",
            description = "Give up (exit 3) when no session could be had for this long, at start or after a loss. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--backoff-initial", defaultValue = "100ms", paramLabel = "DURATION", description = "First reconnect delay bound (full jitter). Default: ${DEFAULT-VALUE}.")
    Duration backoffInitial;

    @Option(names = "--backoff-max", defaultValue = "10s", paramLabel = "DURATION", description = "Largest reconnect delay bound. Default: ${DEFAULT-VALUE}.")
    Duration backoffMax;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM CA bundle to trust. Default: the system trust store.")
    Path ca;

    @Option(names = "--cert-hash", paramLabel = "HEX", description = {"Trust exactly the server certificate with this SHA-256 (comma-separated for several).",
            "With --discover mdns, servers advertising another sha256 are passed over."})
    String certHash;

    @Option(names = "--insecure", description = "Trust any server certificate (warns).")
    boolean insecure;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate chain for mutual TLS.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM PKCS#8 key of --cert.")
    Path key;

    @Option(names = "--json", description = "JSON lines instead of human output.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Only the summary (human or JSON): nothing per pong, loss or reconnect.")
    boolean quiet;

    @Option(names = "--health-port", defaultValue = "0", paramLabel = "PORT", description = "HTTP /healthz, /readyz, /metrics; 0 = off. Default: ${DEFAULT-VALUE}.")
    int healthPort;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
        int status = run(args, System.getenv(), out, System.err);
        out.flush();
        System.exit(status);
    }

    /** Runs the client as the command line would, with the given environment and output streams; returns the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Main command = new Main(environment, out, err);
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        return CommandLineRunner.run(command, args, environment, outWriter, errWriter);
    }

    @Override
    public Integer call() throws Exception {
        ClientRun.Config config = validate();
        Ending ending = new ClientRun(config, out, err).run();
        if (!ending.message().isEmpty()) {
            err.println("pingpong-client: " + ending.message());
        }
        return ending.exitStatus();
    }

    private ClientRun.Config validate() {
        check(count == null || count > 0, "--count must be positive");
        check(!interval.isNegative(), "--interval must not be negative");
        check(window >= 1 && window <= 65_536, "--window must be between 1 and 65536");
        check(sessions >= 1 && sessions <= 100_000, "--sessions must be between 1 and 100000");
        check(connectRate >= 1, "--connect-rate must be at least 1");
        check(eventLoops == null || eventLoops >= 1 && eventLoops <= 1024, "--event-loops must be between 1 and 1024");
        check(payloadSize >= 0 && payloadSize <= Frames.MAX_PAYLOAD_LENGTH, "--payload-size must be between 0 and " + Frames.MAX_PAYLOAD_LENGTH);
        check(timeout.compareTo(Duration.ofMillis(1)) >= 0, "--timeout must be at least 1ms");
        check(connectTimeout.compareTo(Duration.ofMillis(1)) >= 0, "--connect-timeout must be at least 1ms");
        check(backoffInitial.compareTo(Duration.ofMillis(1)) >= 0, "--backoff-initial must be at least 1ms");
        check(backoffMax.compareTo(backoffInitial) >= 0, "--backoff-max must not be below --backoff-initial");
        check(healthPort >= 0 && healthPort <= 65_535, "--health-port must be between 0 and 65535");
        ClientTls tls = new ClientTls(insecure, certHash, ca, cert, key);
        tls.conflict().ifPresent(message -> check(false, message));
        checkReadable("--ca", ca);
        checkReadable("--cert", cert);
        checkReadable("--key", key);
        ServerLocator.Plan plan;
        try {
            plan = ServerLocator.plan(url, environment.get("PINGPONG_SERVER_URL"), discover);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        LoopSettings loop = new LoopSettings(count == null ? 0 : count, interval, window, mode, new PingPayload(payloadSize),
                timeout, connectTimeout, backoffInitial, backoffMax);
        ServerLocator.Settings discovery = new ServerLocator.Settings(parseDnsServer(), parseInterfaces(),
                tls.pinnedHashes());
        int loops = eventLoops != null ? eventLoops : Math.min(sessions, Runtime.getRuntime().availableProcessors());
        return new ClientRun.Config(plan, discovery, loop, new ClientRun.Load(sessions, connectRate, loops), tls, json,
                quiet, healthPort);
    }

    private Optional<InetSocketAddress> parseDnsServer() {
        if (dnsServer == null || dnsServer.isBlank()) {
            return Optional.empty();
        }
        int colon = dnsServer.lastIndexOf(':');
        check(colon > 0, "--dns-server must be HOST:PORT, got '" + dnsServer + "'");
        String host = dnsServer.substring(0, colon).replaceAll("^\\[|]$", "");
        int port;
        try {
            port = Integer.parseInt(dnsServer.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        check(port > 0 && port <= 65_535, "--dns-server port must be between 1 and 65535, got '" + dnsServer + "'");
        return Optional.of(new InetSocketAddress(address(host, "--dns-server"), port));
    }

    private List<InetAddress> parseInterfaces() {
        if (mdnsInterfaces.isEmpty()) {
            return dev.pingpong.client.discovery.MdnsDiscovery.defaultInterfaces();
        }
        return mdnsInterfaces.stream().map(String::trim).map(a -> address(a, "--mdns-interface")).toList();
    }

    /** Parses an IP literal (or resolves a local name such as localhost). */
    private InetAddress address(String text, String flag) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), flag + ": unknown address '" + text + "'");
        }
    }

    /** A missing file is bad usage now, not a failure after discovery has taken its time. */
    private void checkReadable(String flag, Path file) {
        check(file == null || Files.isReadable(file), flag + ": cannot read " + file);
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
