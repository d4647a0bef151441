package dev.pingpong.client.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pingpong.client.discovery.SrvRecord;
import dev.pingpong.client.discovery.TestDnsResponder;
import dev.pingpong.webtransport.ConnectOptions;
import dev.pingpong.webtransport.SessionListener;
import dev.pingpong.webtransport.WebTransportClient;
import dev.pingpong.webtransport.WebTransportException;
import dev.pingpong.webtransport.tls.ClientTlsContexts;
import dev.pingpong.webtransport.tls.ServerTrust;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against one real server process over loopback: both modes, several sessions, the summary. */
@Timeout(120)
class PingModesTest {

    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final Path SERVER_LOG = Path.of("target-logs", "PingModesTest-server.log").toAbsolutePath();
    private static final Pattern SESSION_OPEN_FROM = Pattern.compile("session \\d+ open from /127\\.0\\.0\\.1:(\\d+) ");
    private static RunningServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RunningServer.start(SERVER_LOG);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamModeAnswersEveryPing() throws Exception {
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "-c", "5", "-i", "20ms", "--cert-hash", server.sha256(), server.url());
        assertEquals(0, client.exitStatus(), client.err());
        List<String> lines = client.lines();
        for (int seq = 1; seq <= 5; seq++) {
            int s = seq;
            assertTrue(lines.stream().anyMatch(l -> l.matches("pong seq=" + s + " rtt=\\d+\\.\\d{3} ms")), lines.toString());
        }
        assertTrue(lines.contains("5 sent, 5 received, 0 lost (0.0% loss), 0 reconnects"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("rtt min/avg/p50/p99/max = [0-9./]+ ms")), lines.toString());
    }

    @Test
    void datagramModeAnswersEveryPing() throws Exception {
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "--mode", "datagram", "-c", "5", "-i", "20ms", "-s", "64",
                "--cert-hash", server.sha256(), server.url());
        assertEquals(0, client.exitStatus(), client.err());
        assertTrue(client.lines().contains("5 sent, 5 received, 0 lost (0.0% loss), 0 reconnects"), client.lines().toString());
    }

    @Test
    void aPayloadTooLargeForOneDatagramIsBadUsage() throws Exception {
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "--mode", "datagram", "-c", "1", "-s", "60000",
                "--cert-hash", server.sha256(), server.url());
        assertEquals(2, client.exitStatus(), client.err());
        assertTrue(client.err().startsWith("pingpong-client: a PING of 60000 payload bytes does not fit one datagram"),
                client.err());
    }

    @Test
    void jsonSummaryAddsUpFieldByField() throws Exception {
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "--json", "-c", "6", "-i", "10ms", "-w", "2", "-s", "100",
                "--cert-hash", server.sha256(), server.url());
        assertEquals(0, client.exitStatus(), client.err());
        List<String> lines = client.lines();
        List<Map<String, String>> pongs = JsonLines.ofType(lines, "pong");
        assertEquals(6, pongs.size(), lines.toString());
        for (int i = 0; i < pongs.size(); i++) {
            Map<String, String> pong = pongs.get(i);
            assertEquals(List.of("rtt_ms", "seq", "session", "type"), List.copyOf(pong.keySet()));
            assertEquals(String.valueOf(i + 1), pong.get("seq"), "pongs come back in order on one stream");
            assertEquals("0", pong.get("session"));
            assertTrue(Double.parseDouble(pong.get("rtt_ms")) > 0, pong.toString());
        }
        Map<String, String> summary = JsonLines.ofType(lines, "summary").get(0);
        assertEquals(List.of("elapsed_ms", "lost", "received", "reconnects", "rtt_ms", "sent", "settled_per_s", "type"),
                List.copyOf(summary.keySet()));
        assertTrue(Double.parseDouble(summary.get("elapsed_ms")) > 0, summary.toString());
        assertTrue(Double.parseDouble(summary.get("settled_per_s")) > 0, summary.toString());
        assertEquals("6", summary.get("sent"));
        assertEquals("6", summary.get("received"));
        assertEquals("0", summary.get("lost"));
        assertEquals("0", summary.get("reconnects"));
        Map<String, String> rtt = JsonLines.parse(summary.get("rtt_ms"));
        assertEquals(List.of("avg", "max", "min", "p50", "p99"), List.copyOf(rtt.keySet()));
        double min = Double.parseDouble(rtt.get("min"));
        double max = Double.parseDouble(rtt.get("max"));
        double fastestPong = pongs.stream().mapToDouble(p -> Double.parseDouble(p.get("rtt_ms"))).min().orElseThrow();
        double slowestPong = pongs.stream().mapToDouble(p -> Double.parseDouble(p.get("rtt_ms"))).max().orElseThrow();
        assertEquals(fastestPong, min, 0.0011);
        assertEquals(slowestPong, max, 0.0011);
        for (String field : List.of("avg", "p50", "p99")) {
            double value = Double.parseDouble(rtt.get(field));
            assertTrue(value >= min && value <= max, field + " " + value + " outside [" + min + ", " + max + "]");
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"type\":\"summary\""), "summary is the last line");
    }

    @Test
    void severalSessionsEachRunTheirOwnLoop() throws Exception {
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "--json", "--sessions", "3", "-c", "4", "-i", "20ms",
                "--cert-hash", server.sha256(), server.url());
        assertEquals(0, client.exitStatus(), client.err());
        List<Map<String, String>> pongs = JsonLines.ofType(client.lines(), "pong");
        assertEquals(12, pongs.size());
        for (String session : List.of("0", "1", "2")) {
            assertEquals(List.of("1", "2", "3", "4"), pongs.stream().filter(p -> p.get("session").equals(session))
                    .map(p -> p.get("seq")).toList(), "session " + session);
        }
        Settlement.assertEverySeqSettledOnce(client.lines(), 3, 4);
    }

    @Test
    void manySessionsComeFromManyPortsSoAServerOnSeveralLoopsCanSpreadThem() throws Exception {
        long logBefore = Files.size(SERVER_LOG);
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "-q", "--sessions", "20", "--event-loops", "2", "-c", "1",
                "--cert-hash", server.sha256(), server.url());
        assertEquals(0, client.exitStatus(), client.err());
        String log;
        try (var in = Files.newInputStream(SERVER_LOG)) {
            in.skipNBytes(logBefore);
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> ports = SESSION_OPEN_FROM.matcher(log).results().map(m -> m.group(1)).collect(Collectors.toSet());
        assertEquals(16, ports.size(), "8 UDP sockets on each of the 2 event loops: " + ports);
    }

    @Test
    void wrongPinnedHashIsAClearTlsErrorWithStatusThree() throws Exception {
        String wrong = "00".repeat(32);
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "-c", "1", "--cert-hash", wrong, server.url());
        assertEquals(3, client.exitStatus());
        assertTrue(client.err().startsWith("pingpong-client: TLS with 127.0.0.1:" + server.port() + " failed"), client.err());
    }

    @Test
    void noServerListeningExitsThreeAfterTheConnectTimeout() throws Exception {
        int closedPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        ClientRunner client = ClientRunner.run(RUN_LIMIT, "-c", "1", "--connect-timeout", "2s", "--insecure",
                "https://127.0.0.1:" + closedPort + "/pingpong");
        assertEquals(3, client.exitStatus());
        String[] errLines = client.err().split("\n");
        assertTrue(errLines[0].startsWith("warning: --insecure"), client.err());
        assertTrue(errLines[1].startsWith("pingpong-client: no server reached at https://127.0.0.1:" + closedPort), client.err());
        assertEquals(2, errLines.length, client.err());
    }

    @Test
    void healthEndpointsFollowThePongs() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // 200 pings at 50 ms keep the health server up for 10 s: a loaded machine may take seconds between the
        // third pong and the requests, and a 2 s run ended before them (connection refused).
        ClientRunner client = ClientRunner.start("-c", "200", "-i", "50ms", "--health-port", String.valueOf(port),
                "--cert-hash", server.sha256(), server.url());
        client.awaitLine(l -> l.startsWith("pong seq=3 "), Duration.ofSeconds(60));
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(200, get(http, port, "/healthz").statusCode());
        assertEquals(200, get(http, port, "/readyz").statusCode());
        HttpResponse<String> metrics = get(http, port, "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("pingpong_client_pongs_received_total "), metrics.body());
        assertTrue(metrics.body().contains("pingpong_client_rtt_seconds{quantile=\"0.99\"}"), metrics.body());
        assertEquals(0, client.await(RUN_LIMIT), client.err());
    }

    @Test
    void srvRecordFromTheTestsOwnDnsResponderLeadsToTheServer() throws Exception {
        try (TestDnsResponder dns = new TestDnsResponder()) {
            dns.srv("_webtransport._udp.pingpong.test", new SrvRecord(10, 5, server.port(), "node1.pingpong.test"))
                    .address("node1.pingpong.test", InetAddress.getByName("127.0.0.1"));
            ClientRunner client = ClientRunner.run(RUN_LIMIT, "--discover", "dns:pingpong.test", "--dns-server",
                    dns.hostPort(), "-c", "2", "-i", "20ms", "--cert-hash", server.sha256());
            assertEquals(0, client.exitStatus(), client.err());
            assertTrue(client.lines().contains("2 sent, 2 received, 0 lost (0.0% loss), 0 reconnects"), client.lines().toString());
        }
    }

    @Test
    void srvNameWithoutRecordsExitsThree() throws Exception {
        try (TestDnsResponder dns = new TestDnsResponder()) {
            ClientRunner client = ClientRunner.run(RUN_LIMIT, "--discover", "dns:missing.test", "--dns-server",
                    dns.hostPort(), "--connect-timeout", "1s", "-c", "1");
            assertEquals(3, client.exitStatus());
            assertTrue(client.err().startsWith("pingpong-client: no server found: no SRV record _webtransport._udp.missing.test."),
                    client.err());
        }
    }

    @Test
    void aBrowserOriginNotOnTheListIsRefusedWith403() throws Exception {
        try (WebTransportClient client = WebTransportClient.builder()
                .sslContext(ClientTlsContexts.create(ServerTrust.pinned(List.of(server.sha256())))).build()) {
            ConnectOptions fromEvilPage = ConnectOptions.DEFAULT.withOrigin("https://evil.example")
                    .withProtocols(List.of("pingpong-v1"));
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () ->
                    client.connect(URI.create(server.url()), fromEvilPage, new SessionListener() { }).get(20, TimeUnit.SECONDS));
            WebTransportException refused = assertInstanceOf(WebTransportException.class, e.getCause());
            assertEquals(WebTransportException.Kind.SESSION_REFUSED, refused.kind());
            assertEquals(403, refused.status());
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
