package dev.pingpong.client.discovery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --discover dns:NAME} against a DNS responder this test runs on 127.0.0.1 (never the system resolver). */
@Timeout(30)
class DnsDiscoveryTest {

    private TestDnsResponder dns;
    private EventLoopGroup group;

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsResponder();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void stop() {
        dns.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    private ServerTarget locate(String method, Duration timeout) throws Exception {
        ServerLocator.Settings settings = new ServerLocator.Settings(Optional.of(dns.address()), List.of(), List.of());
        return ServerLocator.locate(ServerLocator.plan(null, null, method), settings, group.next(), timeout);
    }

    @Test
    void srvRecordGivesTargetAddressAndPort() throws Exception {
        dns.srv("_webtransport._udp.pp.test", new SrvRecord(10, 0, 5555, "server.pp.test"))
                .address("server.pp.test", InetAddress.getByName("127.0.0.1"));
        ServerTarget target = locate("dns:pp.test", Duration.ofSeconds(5));
        assertEquals("https://127.0.0.1:5555/pingpong", target.uri().toString());
        assertEquals("dns:pp.test", target.source());
    }

    @Test
    void targetWithoutAddressFallsToTheNextPriority() throws Exception {
        dns.srv("_webtransport._udp.pp.test", new SrvRecord(1, 0, 1111, "gone.pp.test"))
                .srv("_webtransport._udp.pp.test", new SrvRecord(2, 0, 2222, "backup.pp.test"))
                .address("backup.pp.test", InetAddress.getByName("::1"));
        assertEquals("https://[::1]:2222/pingpong", locate("dns:pp.test", Duration.ofSeconds(5)).uri().toString());
    }

    @Test
    void withoutSrvTheNameItselfOnPort4433() throws Exception {
        dns.address("plain.test", InetAddress.getByName("127.0.0.1"));
        assertEquals("https://127.0.0.1:4433/pingpong", locate("dns:plain.test", Duration.ofSeconds(5)).uri().toString());
    }

    @Test
    void nothingFoundIsAClearErrorAfterTheTimeout() {
        long start = System.nanoTime();
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> locate("dns:none.test", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("_webtransport._udp.none.test."), e.getMessage());
        assertTrue(e.getMessage().contains("gave up after 1000 ms"), e.getMessage());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(500).toNanos());
        assertTrue(dns.queries() >= 2, "queries " + dns.queries());
    }
}
