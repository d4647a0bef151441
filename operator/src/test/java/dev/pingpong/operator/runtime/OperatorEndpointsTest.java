package dev.pingpong.operator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.app.HealthServer;
import dev.pingpong.operator.model.Side;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The operator's /healthz, /readyz and /metrics as Main serves them: its counters in the shared health server. */
class OperatorEndpointsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesHealthReadinessAndTheOperatorsCounters() throws Exception {
        OperatorMetrics metrics = new OperatorMetrics();
        metrics.restarted(Side.CLIENT);
        metrics.renewed(2);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server = HealthServer.builder()
                .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .readiness(ready::get)
                .metrics(metrics.registry())
                .start()) {
            assertEquals(200, get(server, "/healthz").statusCode());
            assertEquals(503, get(server, "/readyz").statusCode());
            ready.set(true);
            assertEquals(200, get(server, "/readyz").statusCode());
            HttpResponse<String> scrape = get(server, "/metrics");
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String body = scrape.body();
            assertTrue(body.contains("# TYPE pingpong_operator_reconciliations_total counter\n"
                    + "pingpong_operator_reconciliations_total 0\n"), body);
            assertTrue(body.contains("# TYPE pingpong_operator_reconcile_errors_total counter\n"
                    + "pingpong_operator_reconcile_errors_total 0\n"), body);
            assertTrue(body.contains("pingpong_operator_restarts_total{side=\"client\"} 1\n"), body);
            assertTrue(body.contains("pingpong_operator_restarts_total{side=\"server\"} 0\n"), body);
            assertTrue(body.contains("pingpong_operator_certificate_renewals_total 2\n"), body);
            assertEquals(404, get(server, "/healthzX").statusCode(), "paths match exactly");
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
