package dev.pingpong.client.discovery;

import dev.pingpong.protocol.WellKnownNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import javax.jmdns.ServiceInfo;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiscoveryParsingTest {

    @Test
    void urlsGetDefaultPortAndPath() {
        assertEquals("https://example.test:4433/pingpong", ServerUrls.parse("https://example.test").toString());
        assertEquals("https://example.test:9/pingpong", ServerUrls.parse("https://example.test:9").toString());
        assertEquals("https://[::1]:4433/x", ServerUrls.parse("https://[::1]/x").toString());
        assertEquals("https://127.0.0.1:5/a/b", ServerUrls.parse(" https://127.0.0.1:5/a/b ").toString());
        assertEquals("https://[::1]:4433/x", ServerUrls.parse("https://[::1]:/x").toString(), "an empty port is the default");
    }

    @Test
    void anMdnsAdvertisementWithABadHashFindsNoServer() throws Exception {
        ServiceInfo good = ServiceInfo.create(WellKnownNames.MDNS_SERVICE_TYPE, "good", 4433, 0, 0,
                Map.of("path", "/pp", "sha256", "ab".repeat(32)));
        ServiceInfo bad = ServiceInfo.create(WellKnownNames.MDNS_SERVICE_TYPE, "bad", 4433, 0, 0,
                Map.of("path", "/pp", "sha256", "not-a-hash"));
        assertEquals(Optional.of("ab".repeat(32)), MdnsDiscovery.advertisedHash(good));
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> MdnsDiscovery.advertisedHash(bad));
        assertTrue(e.getMessage().contains("not-a-hash"), e.getMessage());
    }

    @Test
    void pinnedHashesPassOverServersAdvertisingAnotherCertificate() {
        String ours = "ab".repeat(32);
        ServiceInfo pinned = ServiceInfo.create(WellKnownNames.MDNS_SERVICE_TYPE, "ours", 4433, 0, 0,
                Map.of("path", "/pp", "sha256", ours.toUpperCase(java.util.Locale.ROOT)));
        ServiceInfo other = ServiceInfo.create(WellKnownNames.MDNS_SERVICE_TYPE, "other", 4433, 0, 0,
                Map.of("path", "/pp", "sha256", "cd".repeat(32)));
        ServiceInfo garbled = ServiceInfo.create(WellKnownNames.MDNS_SERVICE_TYPE, "garbled", 4433, 0, 0,
                Map.of("path", "/pp", "sha256", "not-a-hash"));
        ServiceInfo silent = ServiceInfo.create(WellKnownNames.MDNS_SERVICE_TYPE, "silent", 4433, 0, 0, Map.of("path", "/pp"));
        assertTrue(MdnsDiscovery.matchesPins(pinned, List.of(ours)));
        assertFalse(MdnsDiscovery.matchesPins(other, List.of(ours)));
        assertFalse(MdnsDiscovery.matchesPins(garbled, List.of(ours)));
        assertTrue(MdnsDiscovery.matchesPins(silent, List.of(ours)), "no hash advertised: the TLS pin decides");
        assertTrue(MdnsDiscovery.matchesPins(other, List.of()), "without pins every server is a candidate");
    }

    @Test
    void urlsThatAreNotWebTransportAreRefused() {
        for (String bad : new String[] {"http://h/p", "h:1", "https:///p", "https://h/p?q=1", "https://u@h/p", "https://h p"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerUrls.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad.trim()), e.getMessage());
        }
    }

    @Test
    void urlsFromAddressesBracketIpv6() throws Exception {
        assertEquals("https://[::1]:7/pingpong", ServerUrls.of(InetAddress.getByName("::1"), 7, null).toString());
        assertEquals("https://127.0.0.1:7/x", ServerUrls.of(InetAddress.getByName("127.0.0.1"), 7, "x").toString());
    }

    @Test
    void discoverMethods() {
        assertEquals(new DiscoveryMethod.Mdns(), DiscoveryMethod.parse("MDNS"));
        DiscoveryMethod.Dns dns = (DiscoveryMethod.Dns) DiscoveryMethod.parse("dns:PingPong.Example.test.");
        assertEquals("pingpong.example.test", dns.name());
        assertEquals("_webtransport._udp.pingpong.example.test.", dns.srvName());
        assertThrows(IllegalArgumentException.class, () -> DiscoveryMethod.parse("dns:"));
        assertThrows(IllegalArgumentException.class, () -> DiscoveryMethod.parse("dns:bad..name"));
        assertThrows(IllegalArgumentException.class, () -> DiscoveryMethod.parse("consul"));
    }

    @Test
    void srvRecordsDecodeIncludingCompressedTargets() {
        // A message: at offset 0 the name "srv.test." (as if earlier in the message), then RDATA pointing at it.
        ByteBuf message = Unpooled.buffer();
        message.writeByte(3).writeBytes("srv".getBytes()).writeByte(4).writeBytes("test".getBytes()).writeByte(0);
        int rdataStart = message.writerIndex();
        message.writeShort(10).writeShort(60).writeShort(4433).writeShort(0xC000);
        SrvRecord compressed = SrvRecord.decode(message.duplicate().setIndex(rdataStart, message.writerIndex()));
        assertEquals(new SrvRecord(10, 60, 4433, "srv.test"), compressed);

        ByteBuf plain = Unpooled.buffer();
        new SrvRecord(1, 2, 3, "a.b.test").encode(plain);
        assertEquals(new SrvRecord(1, 2, 3, "a.b.test"), SrvRecord.decode(plain));
        ByteBuf root = Unpooled.buffer();
        new SrvRecord(0, 0, 0, "").encode(root);
        assertTrue(SrvRecord.decode(root).isUnavailable());
        assertThrows(IllegalArgumentException.class, () -> SrvRecord.decode(Unpooled.buffer().writeShort(1)));
    }

    @Test
    void srvOrderIsByPriorityThenWeight() {
        SrvRecord backup = new SrvRecord(20, 100, 1, "backup.test");
        SrvRecord heavy = new SrvRecord(10, 90, 2, "heavy.test");
        SrvRecord light = new SrvRecord(10, 10, 3, "light.test");
        SrvRecord unavailable = new SrvRecord(0, 0, 4, "");
        // Draw 0 picks the first in running-sum order (lightest), the top of the range the heaviest.
        assertEquals(List.of(light, heavy, backup),
                SrvRecord.connectOrder(List.of(backup, heavy, unavailable, light), bound -> 0));
        assertEquals(List.of(heavy, light, backup),
                SrvRecord.connectOrder(List.of(backup, heavy, light), bound -> bound - 1));
        assertEquals(List.of(), SrvRecord.connectOrder(List.of(unavailable), bound -> 0));
    }

    @Test
    void weightsShareTheFirstPickProportionally() {
        SrvRecord heavy = new SrvRecord(10, 90, 2, "heavy.test");
        SrvRecord light = new SrvRecord(10, 10, 3, "light.test");
        java.util.Random random = new java.util.Random(7);
        int heavyFirst = 0;
        for (int i = 0; i < 10_000; i++) {
            if (SrvRecord.connectOrder(List.of(light, heavy), random::nextInt).get(0).equals(heavy)) {
                heavyFirst++;
            }
        }
        assertTrue(heavyFirst > 8_700 && heavyFirst < 9_300, "heavy first " + heavyFirst + " of 10000");
    }
}
