package dev.pingpong.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pingpong.operator.model.ObservedPings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One pair's reads over several intervals, on a clock the test moves. */
class PairPingsTest {

    private static final Duration UNHEALTHY_AFTER = Duration.ofSeconds(60);
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private final PairPings pings = new PairPings();
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theFirstReadIsABaselineThenGrowingPongsFlow() {
        PingsObservation first = read(pod("c1", 1000, 990, 5, 0));
        assertEquals("Unknown", first.status());
        assertEquals(PingsObservation.MEASURING, first.reason());
        assertEquals(0L, first.figures().getPongs(), "nothing is known of the pongs before the first read");
        assertNull(first.figures().getLastPongTime());

        PingsObservation second = read(pod("c1", 1030, 1019, 6, 0));
        assertEquals("True", second.status());
        assertEquals(PingsObservation.PONGS_ARRIVING, second.reason());
        ObservedPings figures = second.figures();
        assertEquals(30L, figures.getPings());
        assertEquals(29L, figures.getPongs());
        assertEquals(1L, figures.getLost());
        assertEquals("3.3%", figures.getLoss());
        assertEquals("0.41ms", figures.getRttP50());
        assertEquals("1.9ms", figures.getRttP99());
        assertEquals("2026-03-01T10:00:30Z", figures.getLastPongTime());
        assertEquals(figures.getLastPongTime(), figures.getScrapedTime());
        assertNull(second.silentSince());
    }

    @Test
    void noPongForUnhealthyAfterIsFalseWithTheTimeTheyStopped() {
        read(pod("c1", 100, 100, 0, 0));
        Instant lastPong = now;
        read(pod("c1", 130, 130, 0, 0));
        PingsObservation stillTrue = read(pod("c1", 160, 130, 0, 0));
        assertEquals("True", stillTrue.status(), "30s of silence is less than unhealthyAfter");
        PingsObservation silent = read(pod("c1", 190, 130, 25, 0));
        assertEquals("False", silent.status());
        assertEquals(PingsObservation.NO_PONGS, silent.reason());
        assertEquals(lastPong, silent.silentSince());
        assertTrue(silent.message().startsWith("no pong since 2026-03-01T10:00:30Z"), silent.message());
        assertEquals("83.3%", silent.figures().getLoss());
    }

    @Test
    void aClientThatNeverGetsAPongIsFalseUnhealthyAfterTheFirstRead() {
        Instant first = now;
        read(pod("c1", 5, 0, 0, 3));
        assertEquals("Unknown", read(pod("c1", 35, 0, 30, 5)).status());
        PingsObservation silent = read(pod("c1", 65, 0, 60, 7));
        assertEquals("False", silent.status());
        assertEquals(first, silent.silentSince());
        assertTrue(silent.message().contains("no pong seen since the first read"), silent.message());
        assertEquals(7L, silent.figures().getReconnects());
    }

    @Test
    void aCounterThatGoesBackCountsFromZero() {
        read(pod("c1", 5000, 5000, 0, 0));
        PingsObservation afterRestart = read(pod("c1", 12, 12, 0, 0));
        assertEquals(12L, afterRestart.figures().getPongs(), "the container restarted: its counters began at 0");
        assertEquals("True", afterRestart.status());
    }

    @Test
    void aNewPodCountsFromZeroAndAGoneOneIsForgotten() {
        read(pod("c1", 500, 500, 0, 0));
        PingsObservation replaced = read(pod("c2", 20, 19, 1, 0));
        assertEquals(20L, replaced.figures().getPings());
        assertEquals(19L, replaced.figures().getPongs());
        PingsObservation back = read(pod("c1", 510, 510, 0, 0));
        assertEquals(510L, back.figures().getPongs(), "c1 was gone for a read: it counts as a new pod");
    }

    @Test
    void severalPodsAddUpAndTheSlowestRoundTripShows() {
        read(pod("c1", 0, 0, 0, 0), pod("c2", 0, 0, 0, 0));
        PingsObservation both = read(new PodScrape.Read("c1", sample(30, 30, 0, 0, 400_000, 900_000)),
                new PodScrape.Read("c2", sample(30, 28, 2, 1, 2_000_000, 8_000_000)));
        assertEquals(60L, both.figures().getPings());
        assertEquals(58L, both.figures().getPongs());
        assertEquals("3.3%", both.figures().getLoss());
        assertEquals("2ms", both.figures().getRttP50());
        assertEquals("8ms", both.figures().getRttP99());
        assertEquals(2, both.figures().getPods());
    }

    @Test
    void aPodThatCannotBeReadKeepsItsBaselineForTheNextRead() {
        read(pod("c1", 100, 100, 0, 0), pod("c2", 100, 100, 0, 0));
        PingsObservation partly = read(pod("c1", 130, 130, 0, 0), new PodScrape.Failed("c2", "connect timed out"));
        assertEquals(30L, partly.figures().getPongs());
        assertEquals(1, partly.figures().getPods());
        PingsObservation again = read(pod("c1", 160, 160, 0, 0), pod("c2", 160, 160, 0, 0));
        assertEquals(90L, again.figures().getPongs(), "c2's 60 pongs over two intervals, c1's 30");
    }

    @Test
    void whenNoPodAnswersTheConditionIsUnknownAndTheLastFiguresStay() {
        read(pod("c1", 100, 100, 0, 0));
        ObservedPings last = read(pod("c1", 130, 130, 0, 0)).figures();
        PingsObservation failed = read(new PodScrape.Failed("c1", "no answer within 5s"));
        assertEquals("Unknown", failed.status());
        assertEquals(PingsObservation.SCRAPE_FAILED, failed.reason());
        assertTrue(failed.message().contains("pod c1: no answer within 5s"), failed.message());
        assertEquals(last, failed.figures());
        assertNull(failed.silentSince(), "a failed read says nothing about the pongs: no restart for it");
    }

    @Test
    void noClientPodIsUnknown() {
        PingsObservation none = read();
        assertEquals("Unknown", none.status());
        assertEquals(PingsObservation.NO_CLIENT_PODS, none.reason());
        assertNull(none.figures());
    }

    @Test
    void onlyNoticeableChangesTellSomethingNew() {
        read(pod("c1", 0, 0, 0, 0));
        PingsObservation a = read(pod("c1", 30, 30, 0, 0));
        PingsObservation b = read(pod("c1", 61, 61, 0, 0));
        assertTrue(b.tellsTheSameAs(a), "other counts and times, same rounded figures and condition");
        PingsObservation slower = read(new PodScrape.Read("c1", sample(91, 91, 0, 0, 900_000, 1_900_000)));
        assertTrue(!slower.tellsTheSameAs(b), "the median went from 0.41ms to 0.9ms");
    }

    @Test
    void deltaTreatsALowerValueAsARestart() {
        assertEquals(5, PairPings.delta(10, 15));
        assertEquals(0, PairPings.delta(10, 10));
        assertEquals(3, PairPings.delta(10, 3));
    }

    private PingsObservation read(PodScrape... scrapes) {
        PingsObservation observation = pings.record(List.of(scrapes), UNHEALTHY_AFTER, now);
        now = now.plus(INTERVAL);
        return observation;
    }

    private static PodScrape pod(String name, long pings, long pongs, long lost, long reconnects) {
        return new PodScrape.Read(name, sample(pings, pongs, lost, reconnects, 412_000, 1_900_000));
    }

    private static ClientSample sample(long pings, long pongs, long lost, long reconnects, long p50Nanos, long p99Nanos) {
        return new ClientSample(pings, pongs, lost, reconnects, Duration.ofNanos(p50Nanos), Duration.ofNanos(p99Nanos));
    }
}
