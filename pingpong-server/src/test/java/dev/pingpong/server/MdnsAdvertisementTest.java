package dev.pingpong.server;

import dev.pingpong.protocol.WellKnownNames;
import org.junit.jupiter.api.Test;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import java.net.InetAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --mdns on 127.0.0.1 only: a jmdns browser on 127.0.0.1 finds the service, its port, path and hash, then its goodbye. */
class MdnsAdvertisementTest {

    /**
     * jmdns may report a service resolved before its TXT record came: wait for the one with our hash (another
     * build on this machine may advertise on loopback too).
     */
    private static ServiceInfo nextWithHash(BlockingQueue<ServiceInfo> resolved, String sha256) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServiceInfo info = resolved.poll(100, TimeUnit.MILLISECONDS);
            if (info != null && sha256.equals(info.getPropertyString("sha256"))) {
                return info;
            }
        }
        throw new AssertionError("no service with sha256=" + sha256 + " resolved on 127.0.0.1 within " + TestClient.WAIT);
    }

    private static void awaitRemoved(BlockingQueue<String> removed, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (name.equals(removed.poll(100, TimeUnit.MILLISECONDS))) {
                return;
            }
        }
        throw new AssertionError("no goodbye for " + name + " within " + TestClient.WAIT);
    }

    @Test
    void instanceNamesCarryThePortWithinOneDnsLabel() {
        assertEquals("pingpong pod-1 4433", MdnsAdvertiser.instanceName("pod-1", 4433));
        String longHost = "h".repeat(63);
        String name = MdnsAdvertiser.instanceName(longHost, 65535);
        assertEquals(63, name.length(), name);
        assertTrue(name.startsWith("pingpong hhh") && name.endsWith(" 65535"), name);
    }

    @Test
    void browserOnLoopbackFindsTheServiceWithPathAndHash() throws Exception {
        BlockingQueue<ServiceInfo> resolved = new LinkedBlockingQueue<>();
        BlockingQueue<String> removed = new LinkedBlockingQueue<>();
        try (JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "pingpong-test-browser")) {
            browser.addServiceListener(WellKnownNames.MDNS_SERVICE_TYPE, new ServiceListener() {
                @Override
                public void serviceAdded(ServiceEvent event) {
                    event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1000);
                }

                @Override
                public void serviceRemoved(ServiceEvent event) {
                    removed.add(event.getName());
                }

                @Override
                public void serviceResolved(ServiceEvent event) {
                    resolved.add(event.getInfo());
                }
            });
            try (TestServer server = TestServer.start("--mdns", "--mdns-interface", "127.0.0.1")) {
                ServiceInfo service = nextWithHash(resolved, server.sha256());
                assertEquals(server.url().getPort(), service.getPort());
                assertTrue(service.getName().endsWith(" " + server.url().getPort()), "the port makes the name unique: " + service.getName());
                assertEquals("/pingpong", service.getPropertyString("path"));

                server.server.close();
                awaitRemoved(removed, service.getName());
            }
        }
    }
}
