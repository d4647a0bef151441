package dev.pingpong.operator.observe;

import dev.pingpong.app.GoDurations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads client pods' {@code /metrics} over HTTP/1.1 without blocking a thread per request: at most
 * {@code concurrency} requests at once (the rest queue), each bounded by a connect and a whole-request timeout
 * and by a body limit. Connections are kept alive between intervals. Every outcome is a {@link PodScrape}; no
 * future it returns fails.
 */
final class MetricsScraper implements AutoCloseable {

    /** A client's /metrics (counters, RTT, JVM metrics) is a few KiB. */
    static final int BODY_LIMIT = 64 * 1024;

    private record Pending(String pod, URI uri, CompletableFuture<PodScrape> result) {
    }

    private final ExecutorService executor;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int concurrency;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    MetricsScraper(Duration connectTimeout, Duration requestTimeout, int concurrency) {
        this.executor = Executors.newFixedThreadPool(2, ObserverThreads.named("ping-observer-http"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).executor(executor).build();
        this.requestTimeout = requestTimeout;
        this.concurrency = concurrency;
    }

    /** Reads {@code uri} for {@code pod}, when a slot is free. */
    CompletableFuture<PodScrape> scrape(String pod, URI uri) {
        Pending pending = new Pending(pod, uri, new CompletableFuture<>());
        queue.add(pending);
        startWhileFree();
        return pending.result();
    }

    private void startWhileFree() {
        while (true) {
            int current = inFlight.get();
            if (current >= concurrency || queue.isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            Pending next = queue.poll();
            if (next == null) {
                inFlight.decrementAndGet();
                continue;
            }
            send(next);
        }
    }

    private void send(Pending pending) {
        HttpRequest request = HttpRequest.newBuilder(pending.uri()).timeout(requestTimeout).GET().build();
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = http.sendAsync(request, LimitedBody.handler(BODY_LIMIT));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.handle((answer, error) -> outcome(pending.pod(), answer, error))
                .whenComplete((scrape, unexpected) -> {
                    inFlight.decrementAndGet();
                    pending.result().complete(unexpected == null ? scrape
                            : new PodScrape.Failed(pending.pod(), describe(unexpected)));
                    startWhileFree();
                });
    }

    private PodScrape outcome(String pod, HttpResponse<String> answer, Throwable error) {
        if (error != null) {
            return new PodScrape.Failed(pod, describe(error));
        }
        if (answer.statusCode() != 200) {
            return new PodScrape.Failed(pod, "HTTP " + answer.statusCode() + " from " + answer.uri());
        }
        try {
            return new PodScrape.Read(pod, ClientMetricsText.parse(answer.body()));
        } catch (ClientMetricsText.UnreadableMetrics e) {
            return new PodScrape.Failed(pod, answer.uri() + ": " + e.getMessage());
        }
    }

    /** One line: what went wrong, without a stack trace (an unreachable pod is an expected condition). */
    private String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + GoDurations.format(requestTimeout);
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return cause instanceof IOException && message != null ? message
                : cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
