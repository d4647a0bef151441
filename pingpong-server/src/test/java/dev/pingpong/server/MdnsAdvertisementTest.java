package dev.pingpong.server;

import org.junit.jupiter.api.Test;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import java.net.InetAddress;

import static dev.pingpong.server.Pings.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --mdns on 127.0.0.1 only: a jmdns browser on 127.0.0.1 finds the service, its port, path and hash. */
class MdnsAdvertisementTest {

    @Test
    void browserOnLoopbackFindsTheServiceWithPathAndHash() throws Exception {
        try (TestServer server = TestServer.start("--mdns", "--mdns-interface", "127.0.0.1");
             JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "pingpong-test-browser")) {
            ServiceInfo[] found = browser.list(MdnsAdvertiser.SERVICE_TYPE, 6000);
            assertEquals(1, found.length, "one pingpong service");
            ServiceInfo service = found[0];
            assertEquals(server.url().getPort(), service.getPort());
            assertEquals("/pingpong", service.getPropertyString("path"));
            assertEquals(server.sha256(), service.getPropertyString("sha256"));

            server.server.close();
            eventually("goodbye seen", TestClient.WAIT,
                    () -> browser.list(MdnsAdvertiser.SERVICE_TYPE, 200).length == 0);
        }
    }
}
