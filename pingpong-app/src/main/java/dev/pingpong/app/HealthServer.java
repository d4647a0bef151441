package dev.pingpong.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The HTTP side door of every PingPong program, on the JDK's own server: {@code /healthz} (the process
 * answers), {@code /readyz} (200 while the readiness supplier says so, else 503), {@code /metrics}
 * (Prometheus text) and whatever routes the program adds. Paths match exactly; only GET and HEAD are served.
 */
public final class HealthServer implements AutoCloseable {

    /** A response body computed per request. */
    public record Route(String contentType, Supplier<String> body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The TCP port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops at once; probes in flight get a closed connection. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress(8080);
        private BooleanSupplier readiness = () -> true;
        private Metrics metrics = new Metrics();
        private final Map<String, Route> routes = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder address(InetSocketAddress value) {
            this.address = value;
            return this;
        }

        public Builder readiness(BooleanSupplier value) {
            this.readiness = value;
            return this;
        }

        public Builder metrics(Metrics value) {
            this.metrics = value;
            return this;
        }

        /** Adds (or replaces) an exact path, e.g. {@code /} or {@code /cert-hash}. */
        public Builder route(String path, String contentType, Supplier<String> body) {
            routes.put(path, new Route(contentType, body));
            return this;
        }

        public HealthServer start() throws IOException {
            Map<String, Route> all = new LinkedHashMap<>();
            all.put("/healthz", new Route("text/plain; charset=utf-8", () -> "ok\n"));
            all.put("/metrics", new Route(Metrics.CONTENT_TYPE, metrics::scrape));
            all.putAll(routes);
            BooleanSupplier ready = readiness;
            HttpServer server = HttpServer.create(address, 64);
            ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
            server.setExecutor(executor);
            server.createContext("/", exchange -> serve(exchange, all, ready));
            server.start();
            return new HealthServer(server, executor);
        }
    }

    private static void serve(HttpExchange exchange, Map<String, Route> routes, BooleanSupplier ready) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            } else if (path.equals("/readyz")) {
                boolean isReady = ready.getAsBoolean();
                respond(exchange, isReady ? 200 : 503, "text/plain; charset=utf-8", isReady ? "ready\n" : "not ready\n");
            } else if (routes.containsKey(path)) {
                Route route = routes.get(path);
                respond(exchange, 200, route.contentType(), route.body().get());
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "health-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
