package dev.pingpong.client.discovery;

import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the server in the documented order: the URL argument, then {@code PINGPONG_SERVER_URL}, then
 * {@code --discover} ({@code mdns} when nothing else is given).
 */
public final class ServerLocator {

    private static final Logger log = LoggerFactory.getLogger(ServerLocator.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /** What the user asked for: a fixed server, or a discovery method to run. */
    public sealed interface Plan {
    }

    public record Fixed(ServerTarget target) implements Plan {
    }

    public record Discover(DiscoveryMethod method) implements Plan {
    }

    /**
     * Where and how discovery looks. With {@code pinnedHashes} (from {@code --cert-hash}), mDNS passes over servers
     * that advertise another certificate: the client could not talk to them anyway.
     */
    public record Settings(Optional<InetSocketAddress> dnsServer, List<InetAddress> mdnsInterfaces,
                           List<String> pinnedHashes) {
    }

    private ServerLocator() {
    }

    /**
     * Chooses the source in order. Each argument may be null or blank when not given.
     *
     * @throws IllegalArgumentException for a malformed URL or discovery method (bad usage)
     */
    public static Plan plan(String urlArgument, String urlFromEnvironment, String discover) {
        if (urlArgument != null && !urlArgument.isBlank()) {
            return new Fixed(new ServerTarget(ServerUrls.parse(urlArgument), Optional.empty(), "argument"));
        }
        if (urlFromEnvironment != null && !urlFromEnvironment.isBlank()) {
            return new Fixed(new ServerTarget(ServerUrls.parse(urlFromEnvironment), Optional.empty(), "PINGPONG_SERVER_URL"));
        }
        return new Discover(DiscoveryMethod.parse(discover == null || discover.isBlank() ? "mdns" : discover));
    }

    /**
     * Runs the plan, retrying discovery until {@code timeout} has passed.
     *
     * @throws DiscoveryException with the last reason when nothing was found in time
     */
    public static ServerTarget locate(Plan plan, Settings settings, EventLoop loop, Duration timeout)
            throws DiscoveryException, InterruptedException {
        if (plan instanceof Fixed fixed) {
            return fixed.target();
        }
        DiscoveryMethod method = ((Discover) plan).method();
        long deadline = System.nanoTime() + timeout.toNanos();
        log.info("discovering the server via {} for up to {} ms", method, timeout.toMillis());
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            try {
                return once(method, settings, loop, left);
            } catch (DiscoveryException e) {
                if (System.nanoTime() + RETRY_PAUSE.toNanos() >= deadline) {
                    throw new DiscoveryException(e.getMessage() + " (gave up after " + timeout.toMillis() + " ms)");
                }
                log.info("discovery via {} found nothing yet: {}", method, e.getMessage());
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private static ServerTarget once(DiscoveryMethod method, Settings settings, EventLoop loop, Duration left)
            throws DiscoveryException, InterruptedException {
        if (method instanceof DiscoveryMethod.Dns dns) {
            Duration queryTimeout = Duration.ofMillis(Math.max(200, Math.min(2000, left.toMillis() / 2)));
            try (DnsDiscovery discovery = new DnsDiscovery(loop, settings.dnsServer(), queryTimeout)) {
                return discovery.find(dns);
            }
        }
        return MdnsDiscovery.find(settings.mdnsInterfaces(), settings.pinnedHashes(), left);
    }
}
