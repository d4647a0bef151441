package dev.pingpong.server;

import dev.pingpong.webtransport.tls.CertificateFileWatcher;
import io.netty.handler.ssl.ClientAuth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** The command line of {@code pingpong-server} (docs: shared interfaces, section 3). */
@Command(name = "pingpong-server", mixinStandardHelpOptions = true, version = "pingpong-server 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "WebTransport ping-pong server: answers every PING with a PONG on the same stream or as a datagram.",
        footer = {"Every flag also reads PINGPONG_<FLAG> from the environment (e.g. PINGPONG_HEALTH_PORT); the flag wins.",
            "Before serving it prints one 'listening udp=HOST:PORT path=PATH' line per bound socket (without --host one: "
                    + "[::], dual stack, or 0.0.0.0 where IPv6 is off) and 'certificate sha256=HEX'. SIGTERM drains and exits 0."})
final class ServerOptions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "UDP bind address (default: all addresses, IPv4 and IPv6).")
    String host;

    @Option(names = "--port", defaultValue = "4433", paramLabel = "PORT", description = "UDP port for WebTransport; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--path", defaultValue = "/pingpong", paramLabel = "PATH", description = "WebTransport endpoint path (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate chain (tls.crt); reloaded when it changes.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM PKCS#8 private key (tls.key); reloaded when it changes.")
    Path key;

    @Option(names = "--client-ca", paramLabel = "FILE", description = "PEM CA bundle that client certificates are verified against.")
    Path clientCa;

    @Option(names = "--client-auth", defaultValue = "none", paramLabel = "none|optional|require",
            description = "Client certificates: none, optional or require (mutual TLS) (default: ${DEFAULT-VALUE}).")
    ClientAuth clientAuth;

    @Option(names = "--allowed-origins", paramLabel = "LIST",
            description = "Browser origins allowed to open sessions, comma separated, or *. "
                    + "Default: the server's own page, http://localhost|127.0.0.1|[::1]:HEALTH-PORT. "
                    + "Requests without Origin are always allowed.")
    String allowedOrigins;

    @Option(names = "--max-sessions", defaultValue = "10000", paramLabel = "N", description = "Concurrent sessions; more get 429 (default: ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--require-retry",
            description = "Make every new connection prove its address first with a QUIC Retry (an HMAC token bound to "
                    + "its address; one more round trip). For a server under a handshake flood from spoofed addresses.")
    boolean requireRetry;

    @Option(names = "--event-loops", paramLabel = "N",
            description = "Event loops the connections are spread over, one SO_REUSEPORT socket each on Linux's native "
                    + "transport (default: the available processors; 1 where the native transport is unavailable).")
    Integer eventLoops;

    @Option(names = "--health-port", defaultValue = "8080", paramLabel = "PORT",
            description = "TCP port of /healthz, /readyz, /metrics, /cert-hash and the demo page /; 0 disables (default: ${DEFAULT-VALUE}).")
    int healthPort;

    @Option(names = "--mdns", description = "Advertise via DNS-SD as _pingpong._udp.local.")
    boolean mdns;

    @Option(names = "--mdns-interface", split = ",", paramLabel = "ADDRESS",
            description = "Addresses (or interface names) to advertise on (default: every multicast-capable interface).")
    List<String> mdnsInterfaces;

    @Option(names = "--drain-timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "On SIGTERM, how long sessions get to end after the drain request (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    /** How often --cert/--key are checked for changes; not a flag, tests shorten it. */
    Duration certificateCheckInterval = CertificateFileWatcher.DEFAULT_INTERVAL;

    @Override
    public Integer call() throws Exception {
        validate();
        checkReadable("--cert", cert);
        checkReadable("--key", key);
        checkReadable("--client-ca", clientCa);
        return ServerProcess.run(this);
    }

    /** Checks what the types alone do not; throws a usage error naming the flag. */
    void validate() {
        checkPort("--port", port);
        checkPort("--health-port", healthPort);
        if (!path.matches("/[A-Za-z0-9._~/-]*")) {
            throw usage("--path must start with '/' and hold only letters, digits and . _ ~ / -: " + path);
        }
        if ((cert == null) != (key == null)) {
            throw usage("--cert and --key go together");
        }
        if (clientAuth != ClientAuth.NONE && clientCa == null) {
            throw usage("--client-auth " + clientAuth.name().toLowerCase(java.util.Locale.ROOT) + " needs --client-ca");
        }
        if (maxSessions < 1) {
            throw usage("--max-sessions must be at least 1: " + maxSessions);
        }
        if (eventLoops != null && eventLoops < 1) {
            throw usage("--event-loops must be at least 1: " + eventLoops);
        }
        if (drainTimeout.isNegative()) {
            throw usage("--drain-timeout must not be negative");
        }
        for (String item : mdnsInterfaces == null ? List.<String>of() : mdnsInterfaces) {
            if (!MdnsAdvertiser.isInterfaceOrAddress(item)) {
                throw usage("--mdns-interface " + item + " is neither an interface nor an IP address");
            }
        }
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void checkReadable(String flag, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw usage(flag + ": cannot read " + file);
        }
    }

    private void checkPort(String flag, int value) {
        if (value < 0 || value > 65535) {
            throw usage(flag + " must be 0..65535: " + value);
        }
    }
}
