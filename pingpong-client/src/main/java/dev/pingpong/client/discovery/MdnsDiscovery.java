package dev.pingpong.client.discovery;

import dev.pingpong.certs.CertificateHashes;
import dev.pingpong.protocol.WellKnownNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --discover mdns}: browses DNS-SD {@code _pingpong._udp.local.} on the given interface addresses and
 * takes the first server that resolves, with the TXT {@code path} and {@code sha256} it advertises. Given pinned
 * hashes, a server advertising a {@code sha256} outside them is passed over.
 */
public final class MdnsDiscovery {

    private static final Logger log = LoggerFactory.getLogger(MdnsDiscovery.class);
    private static final long RESOLVE_TIMEOUT_MILLIS = 1000;
    private static final long TXT_GRACE_MILLIS = 2000;
    private static final long POLL_MILLIS = 100;

    private MdnsDiscovery() {
    }

    /** Every address of every interface that is up and multicast-capable: the default of {@code --mdns-interface}. */
    public static List<InetAddress> defaultInterfaces() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && nif.supportsMulticast()) {
                    addresses.addAll(Collections.list(nif.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            log.warn("cannot list network interfaces: {}", e.getMessage());
        }
        return addresses;
    }

    /**
     * Browses until a server resolves (one whose TXT sha256 is among {@code pinned}, when any are given) or
     * {@code timeout} passes.
     *
     * @throws DiscoveryException when none answered in time
     */
    public static ServerTarget find(List<InetAddress> interfaces, List<String> pinned, Duration timeout)
            throws DiscoveryException, InterruptedException {
        if (interfaces.isEmpty()) {
            throw new DiscoveryException("mDNS: no multicast-capable interface to browse on (see --mdns-interface)");
        }
        CompletableFuture<ServiceInfo> found = new CompletableFuture<>();
        AtomicReference<ServiceInfo> partial = new AtomicReference<>();
        List<JmDNS> browsers = new ArrayList<>();
        try {
            for (InetAddress address : interfaces) {
                try {
                    JmDNS browser = JmDNS.create(address, "pingpong-client-" + ProcessHandle.current().pid());
                    browsers.add(browser);
                    browser.addServiceListener(WellKnownNames.MDNS_SERVICE_TYPE, new FirstResolved(found, partial, pinned));
                } catch (IOException e) {
                    log.warn("mDNS: cannot browse on {}: {}", address.getHostAddress(), e.getMessage());
                }
            }
            if (browsers.isEmpty()) {
                throw new DiscoveryException("mDNS: could not browse on any of " + interfaces);
            }
            return target(await(found, partial, timeout));
        } catch (TimeoutException e) {
            throw new DiscoveryException("mDNS: no " + WellKnownNames.MDNS_SERVICE_TYPE + " server" + (pinned.isEmpty() ? "" : " with the pinned sha256")
                    + " answered within " + timeout.toMillis() + " ms on " + interfaces.stream().map(InetAddress::getHostAddress).toList());
        } catch (ExecutionException e) {
            throw new DiscoveryException("mDNS: " + e.getCause().getMessage());
        } finally {
            for (JmDNS browser : browsers) {
                closeQuietly(browser);
            }
        }
    }

    /**
     * The first server resolved with its TXT record; without pins, one resolved without TXT (address and port
     * only) is taken when no TXT follows within {@link #TXT_GRACE_MILLIS}.
     */
    private static ServiceInfo await(CompletableFuture<ServiceInfo> found, AtomicReference<ServiceInfo> partial,
                                     Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long partialSince = 0;
        while (true) {
            try {
                return found.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                long now = System.nanoTime();
                if (partial.get() != null) {
                    partialSince = partialSince == 0 ? now : partialSince;
                    if (now - partialSince >= TimeUnit.MILLISECONDS.toNanos(TXT_GRACE_MILLIS)) {
                        return partial.get();
                    }
                }
                if (now >= deadline) {
                    throw stillWaiting;
                }
            }
        }
    }

    static ServerTarget target(ServiceInfo info) throws DiscoveryException {
        InetAddress[] addresses = info.getInetAddresses();
        if (addresses.length == 0 || info.getPort() <= 0) {
            throw new DiscoveryException("mDNS: server " + info.getName() + " advertised no address or port");
        }
        String path = Optional.ofNullable(info.getPropertyString(WellKnownNames.TXT_PATH)).orElse(ServerUrls.DEFAULT_PATH);
        Optional<String> hash = advertisedHash(info);
        ServerTarget target = new ServerTarget(ServerUrls.of(addresses[0], info.getPort(), path), hash, "mdns");
        log.info("discovered {} via mDNS as '{}' (sha256 {})", target.uri(), info.getName(), hash.orElse("not advertised"));
        return target;
    }

    /** TXT {@code sha256}, checked here: a peer's bad value must end discovery, not the TLS setup after it. */
    static Optional<String> advertisedHash(ServiceInfo info) throws DiscoveryException {
        Optional<String> hash = Optional.ofNullable(info.getPropertyString(WellKnownNames.TXT_SHA256)).filter(h -> !h.isBlank());
        try {
            return hash.map(CertificateHashes::parseSha256Hex);
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("mDNS: server " + info.getName() + " advertised a bad TXT sha256: " + e.getMessage());
        }
    }

    /** With pins, a server that advertises a hash must advertise a pinned one; one that advertises none may pass. */
    static boolean matchesPins(ServiceInfo info, List<String> pinned) {
        String advertised = info.getPropertyString(WellKnownNames.TXT_SHA256);
        if (pinned.isEmpty() || advertised == null || advertised.isBlank()) {
            return true;
        }
        try {
            return pinned.contains(CertificateHashes.parseSha256Hex(advertised));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void closeQuietly(JmDNS browser) {
        try {
            browser.close();
        } catch (IOException e) {
            log.debug("mDNS: closing the browser failed: {}", e.getMessage());
        }
    }

    /** Asks every announced instance for its SRV/TXT/A records and keeps the first that resolves completely. */
    private static final class FirstResolved implements ServiceListener {
        private final CompletableFuture<ServiceInfo> found;
        private final AtomicReference<ServiceInfo> partial;
        private final List<String> pinned;
        private final Set<String> askedForTxt = ConcurrentHashMap.newKeySet();
        private final Set<String> passedOver = ConcurrentHashMap.newKeySet();

        FirstResolved(CompletableFuture<ServiceInfo> found, AtomicReference<ServiceInfo> partial, List<String> pinned) {
            this.found = found;
            this.partial = partial;
            this.pinned = pinned;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            if (!found.isDone()) {
                event.getDNS().requestServiceInfo(event.getType(), event.getName(), RESOLVE_TIMEOUT_MILLIS);
            }
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            if (found.isDone() || info == null || info.getPort() <= 0 || info.getInetAddresses().length == 0) {
                return;
            }
            if (info.getPropertyString(WellKnownNames.TXT_PATH) != null) {
                if (matchesPins(info, pinned)) {
                    found.complete(info);
                } else if (passedOver.add(event.getName())) {
                    log.info("mDNS: passing over '{}' at port {}: it advertises sha256 {}, not a pinned one", event.getName(),
                            info.getPort(), info.getPropertyString(WellKnownNames.TXT_SHA256));
                }
            } else {
                // SRV and A may resolve before TXT: keep asking for the rest while remembering what we have (only
                // without pins: an address-only sighting cannot show a pinned hash). Once per instance: the request
                // answers from the cache by calling this method again, so asking on every call spins.
                if (pinned.isEmpty()) {
                    partial.compareAndSet(null, info);
                }
                if (askedForTxt.add(event.getName())) {
                    event.getDNS().requestServiceInfo(event.getType(), event.getName(), true, RESOLVE_TIMEOUT_MILLIS);
                }
            }
        }
    }
}
