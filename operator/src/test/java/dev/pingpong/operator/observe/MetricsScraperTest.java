package dev.pingpong.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.testing.ClientPodStandIn;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads from a stand-in for client pods on 127.0.0.1. */
class MetricsScraperTest {

    private ClientPodStandIn pod;
    private MetricsScraper scraper;

    @BeforeEach
    void start() throws Exception {
        pod = ClientPodStandIn.start(16);
        scraper = new MetricsScraper(Duration.ofSeconds(2), Duration.ofSeconds(2), 4);
    }

    @AfterEach
    void stop() {
        scraper.close();
        pod.close();
    }

    @Test
    void readsASample() {
        PodScrape.Read read = assertInstanceOf(PodScrape.Read.class, scrape());
        assertEquals("c1", read.pod());
        assertEquals(ClientPodStandIn.PINGS_PER_READ, read.sample().pongs());
    }

    @Test
    void aSlowPodTimesOutWithoutAStackTrace() {
        pod.delay(Duration.ofSeconds(6));
        PodScrape.Failed failed = assertInstanceOf(PodScrape.Failed.class, scrape());
        assertEquals("no answer within 2s", failed.error());
    }

    @Test
    void aPodThatIsNotThereIsRefused() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PodScrape.Failed failed = assertInstanceOf(PodScrape.Failed.class,
                scraper.scrape("c1", URI.create("http://127.0.0.1:" + closed + "/metrics")).join());
        assertEquals("connection refused", failed.error());
    }

    @Test
    void somethingThatIsNotAClientSaysWhy() {
        pod.answer("hello\n");
        PodScrape.Failed failed = assertInstanceOf(PodScrape.Failed.class, scrape());
        assertTrue(failed.error().endsWith("/metrics: no pingpong_client_pings_sent_total (is this a pingpong-client?)"),
                failed.error());
    }

    @Test
    void anAnswerLargerThanTheLimitIsCutOff() {
        pod.answer(ClientMetricsTextTest.CLIENT + "# " + "x".repeat(MetricsScraper.BODY_LIMIT) + "\n");
        PodScrape.Failed failed = assertInstanceOf(PodScrape.Failed.class, scrape());
        assertTrue(failed.error().contains("larger than " + MetricsScraper.BODY_LIMIT + " bytes"), failed.error());
    }

    @Test
    void noMoreThanTheConcurrencyAtOnce() {
        pod.delay(Duration.ofMillis(100));
        List<CompletableFuture<PodScrape>> reads = IntStream.range(0, 20)
                .mapToObj(i -> scraper.scrape("c" + i, uri())).toList();
        reads.forEach(read -> assertInstanceOf(PodScrape.Read.class, read.join()));
        assertEquals(20, pod.requests());
        assertTrue(pod.mostAtOnce() <= 4, "at most 4 at once, saw " + pod.mostAtOnce());
    }

    private PodScrape scrape() {
        return scraper.scrape("c1", uri()).join();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + pod.port() + "/metrics");
    }
}
