package dev.pingpong.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private HealthServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HealthServer start() throws Exception {
        Metrics metrics = new Metrics();
        metrics.counter("things_total", "Things.").add(7);
        server = HealthServer.builder()
                .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .readiness(ready::get)
                .metrics(metrics)
                .route("/cert-hash", "text/plain", () -> "abc\n")
                .start();
        return server;
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHealthReadinessMetricsAndExtraRoutes() throws Exception {
        start();
        assertEquals(200, request("GET", "/healthz").statusCode());
        assertEquals(200, request("GET", "/readyz").statusCode());
        ready.set(false);
        HttpResponse<String> notReady = request("GET", "/readyz");
        assertEquals(503, notReady.statusCode());
        assertEquals("not ready\n", notReady.body());

        HttpResponse<String> metrics = request("GET", "/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals(Metrics.CONTENT_TYPE, metrics.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(metrics.body().contains("things_total 7\n"), metrics.body());

        assertEquals("abc\n", request("GET", "/cert-hash").body());
        for (String path : new String[] {"/healthz", "/readyz", "/metrics", "/cert-hash", "/nowhere"}) {
            assertEquals("no-store", request("GET", path).headers().firstValue("Cache-Control").orElse(""), path);
        }
    }

    @Test
    void closeStopsItsThreads() throws Exception {
        start();
        assertEquals(200, request("GET", "/healthz").statusCode());
        server.close();
        server = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (healthThreadsAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(healthThreadsAlive(), "health-http threads outlive close()");
    }

    private static boolean healthThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.isAlive() && thread.getName().startsWith("health-http-"));
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        start();
        assertEquals(404, request("GET", "/").statusCode());
        assertEquals(404, request("GET", "/healthz/x").statusCode());
        assertEquals(404, request("GET", "/healthzX").statusCode());
        assertEquals(405, request("POST", "/healthz").statusCode());
        HttpResponse<String> head = request("HEAD", "/healthz");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }
}
