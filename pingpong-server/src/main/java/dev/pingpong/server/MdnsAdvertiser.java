package dev.pingpong.server;

import dev.pingpong.protocol.WellKnownNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Advertises the server via DNS-SD as {@code _pingpong._udp.local.} with TXT {@code path} and {@code sha256},
 * one responder per address. The TXT record follows certificate reloads, so a pinning client always finds
 * the current hash.
 */
final class MdnsAdvertiser implements AutoCloseable {

    /** DNS label limit; host names here are ASCII (pod names are DNS labels), so a char is a byte. */
    private static final int MAX_LABEL_BYTES = 63;

    private static final Logger LOG = LoggerFactory.getLogger(MdnsAdvertiser.class);

    private final List<JmDNS> responders;
    private final List<ServiceInfo> services;
    private final String path;

    private MdnsAdvertiser(List<JmDNS> responders, List<ServiceInfo> services, String path) {
        this.responders = responders;
        this.services = services;
        this.path = path;
    }

    /**
     * Starts advertising; blocks while jmdns probes (about a second).
     *
     * @param interfaces addresses or interface names; empty means every multicast-capable interface
     */
    static MdnsAdvertiser start(List<String> interfaces, int port, String path, String sha256) throws IOException {
        List<InetAddress> addresses = interfaces.isEmpty() ? multicastAddresses() : resolve(interfaces);
        if (addresses.isEmpty()) {
            throw new IOException("no multicast-capable interface to advertise on (see --mdns-interface)");
        }
        String instance = instanceName(hostName(), port);
        List<JmDNS> responders = new ArrayList<>();
        List<ServiceInfo> services = new ArrayList<>();
        MdnsAdvertiser advertiser = new MdnsAdvertiser(responders, services, path);
        try {
            for (InetAddress address : addresses) {
                JmDNS responder = JmDNS.create(address, hostName());
                responders.add(responder);
                ServiceInfo service = ServiceInfo.create(WellKnownNames.MDNS_SERVICE_TYPE, instance, port, 0, 0, txt(path, sha256));
                responder.registerService(service);
                services.add(service);
                LOG.info("mdns: advertising '{}' {} port {} on {}", service.getName(), WellKnownNames.MDNS_SERVICE_TYPE, port,
                        address.getHostAddress());
            }
        } catch (IOException | RuntimeException e) {
            advertiser.close();
            throw e;
        }
        return advertiser;
    }

    /** Publishes a new certificate hash. */
    void updateHash(String sha256) {
        for (ServiceInfo service : services) {
            service.setText(txt(path, sha256));
        }
        LOG.info("mdns: TXT sha256={}", sha256);
    }

    /** Sends goodbyes and stops the responders. */
    @Override
    public void close() {
        for (JmDNS responder : responders) {
            responder.unregisterAllServices();
            try {
                responder.close();
            } catch (IOException e) {
                LOG.debug("mdns: close failed: {}", e.toString());
            }
        }
        if (!responders.isEmpty()) {
            LOG.info("mdns: advertisement withdrawn");
        }
    }

    private static Map<String, String> txt(String path, String sha256) {
        return Map.of(WellKnownNames.TXT_PATH, path, WellKnownNames.TXT_SHA256, sha256);
    }

    private static List<InetAddress> resolve(List<String> interfaces) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String item : interfaces) {
            NetworkInterface byName = NetworkInterface.getByName(item);
            if (byName != null) {
                addresses.addAll(Collections.list(byName.getInetAddresses()));
            } else if (isAddressLiteral(item)) {
                addresses.add(InetAddress.getByName(item));
            } else {
                throw new IOException("--mdns-interface " + item + " is neither an interface nor an IP address");
            }
        }
        return addresses;
    }

    /** Whether an item of --mdns-interface names an interface or is an IP literal: checked before serving. */
    static boolean isInterfaceOrAddress(String item) {
        try {
            return NetworkInterface.getByName(item) != null || isAddressLiteral(item);
        } catch (SocketException e) {
            return isAddressLiteral(item);
        }
    }

    /** Only literals: a name would go to the system resolver. */
    private static boolean isAddressLiteral(String text) {
        return text.contains(":") || text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static List<InetAddress> multicastAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && nic.supportsMulticast() && !nic.isLoopback()) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        }
        return addresses;
    }

    /**
     * "pingpong HOST PORT", within DNS's 63-byte label: with the port, two servers on one host (or two builds'
     * test servers on loopback) never share a name, so a browser cannot mix one's SRV with the other's TXT.
     */
    static String instanceName(String host, int port) {
        String suffix = " " + port;
        String base = "pingpong " + host;
        int room = MAX_LABEL_BYTES - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    /** The pod name in Kubernetes; read from the environment so no resolver is asked. */
    private static String hostName() {
        String name = System.getenv("HOSTNAME");
        return name == null || name.isBlank() ? "pingpong-server" : name;
    }
}
