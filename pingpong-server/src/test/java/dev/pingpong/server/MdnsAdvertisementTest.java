package dev.pingpong.server;

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

/** --mdns on 127.0.0.1 only: a jmdns browser on 127.0.0.1 finds the service, its port, path and hash, then its goodbye. */
class MdnsAdvertisementTest {

    /** jmdns may report a service resolved before its TXT record came: wait for one that has it. */
    private static ServiceInfo nextWithText(BlockingQueue<ServiceInfo> resolved) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServiceInfo info = resolved.poll(100, TimeUnit.MILLISECONDS);
            if (info != null && info.getPropertyString("sha256") != null) {
                return info;
            }
        }
        throw new AssertionError("no service with a TXT record resolved on 127.0.0.1 within " + TestClient.WAIT);
    }

    @Test
    void browserOnLoopbackFindsTheServiceWithPathAndHash() throws Exception {
        BlockingQueue<ServiceInfo> resolved = new LinkedBlockingQueue<>();
        BlockingQueue<String> removed = new LinkedBlockingQueue<>();
        try (JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "pingpong-test-browser")) {
            browser.addServiceListener(MdnsAdvertiser.SERVICE_TYPE, new ServiceListener() {
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
                ServiceInfo service = nextWithText(resolved);
                assertEquals(server.url().getPort(), service.getPort());
                assertEquals("/pingpong", service.getPropertyString("path"));
                assertEquals(server.sha256(), service.getPropertyString("sha256"));

                server.server.close();
                assertEquals(service.getName(), removed.poll(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS),
                        "goodbye on shutdown");
            }
        }
    }
}
