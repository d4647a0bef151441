package dev.pingpong.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays the client pods' HTTP port on 127.0.0.1: {@code /metrics} as pingpong-client writes it, whose counters move
 * on with every request: {@value #PINGS_PER_READ} pings each, answered with pongs while {@link #pongsFlow} is on.
 * It can also answer late, or with anything the test wants. Counts requests, and the most served at once.
 */
public final class ClientPodStandIn implements AutoCloseable {

    public static final int PINGS_PER_READ = 30;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final Queue<long[]> served = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;
    private volatile boolean flowing = true;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicReference<String> body = new AtomicReference<>();

    private ClientPodStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A stand-in answering {@code threads} requests at once. */
    public static ClientPodStandIn start(int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "client-pod-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        ClientPodStandIn standIn = new ClientPodStandIn(server, executor);
        server.setExecutor(executor);
        server.createContext("/metrics", standIn::serve);
        server.start();
        return standIn;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether the pings sent from now on get pongs (else they are lost). */
    public void pongsFlow(boolean value) {
        flowing = value;
    }

    /** Answers each request this late. */
    public void delay(Duration value) {
        delay = value;
    }

    /** Answers with {@code text} instead of the counters; null returns to the counters. */
    public void answer(String text) {
        body.set(text);
    }

    public int requests() {
        return requests.get();
    }

    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** From now on, keeps {arrival, finish} in System.nanoTime() of every request, for {@link #served()}. */
    public void record() {
        recording = true;
    }

    /** The requests recorded so far, in the order they finished. */
    public List<long[]> served() {
        return List.copyOf(served);
    }

    private void serve(HttpExchange exchange) throws IOException {
        long arrival = System.nanoTime();
        requests.incrementAndGet();
        mostAtOnce.accumulateAndGet(serving.incrementAndGet(), Math::max);
        try (exchange) {
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            byte[] bytes = metrics().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            serving.decrementAndGet();
            if (recording) {
                served.add(new long[] {arrival, System.nanoTime()});
            }
        }
    }

    private String metrics() {
        String fixed = body.get();
        if (fixed != null) {
            return fixed;
        }
        pings.addAndGet(PINGS_PER_READ);
        (flowing ? pongs : lost).addAndGet(PINGS_PER_READ);
        return "# TYPE pingpong_client_pings_sent_total counter\n"
                + "pingpong_client_pings_sent_total " + pings.get() + "\n"
                + "# TYPE pingpong_client_pongs_received_total counter\n"
                + "pingpong_client_pongs_received_total " + pongs.get() + "\n"
                + "# TYPE pingpong_client_pings_lost_total counter\n"
                + "pingpong_client_pings_lost_total " + lost.get() + "\n"
                + "# TYPE pingpong_client_reconnects_total counter\n"
                + "pingpong_client_reconnects_total 0\n"
                + "# TYPE pingpong_client_rtt_seconds gauge\n"
                + "pingpong_client_rtt_seconds{quantile=\"0.5\"} 4.12E-4\n"
                + "pingpong_client_rtt_seconds{quantile=\"0.99\"} 0.0019\n";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
