package dev.pingpong.app;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    @Test
    void rendersCountersGaugesAndLabelsInTextFormat() {
        Metrics metrics = new Metrics();
        Counter pings = metrics.counter("pingpong_pings_total", "PINGs answered.");
        LabeledCounter bad = metrics.counter("pingpong_bad_input_total", "Bad input by kind.", "kind");
        AtomicInteger sessions = new AtomicInteger(3);
        metrics.gauge("pingpong_sessions", "Open sessions.", sessions::get);
        pings.add(41);
        pings.increment();
        bad.labels("unknown_type").increment();
        bad.labels("bad_text");
        bad.labels("quote\"d\\").add(2);

        assertEquals("""
                # HELP pingpong_pings_total PINGs answered.
                # TYPE pingpong_pings_total counter
                pingpong_pings_total 42
                # HELP pingpong_bad_input_total Bad input by kind.
                # TYPE pingpong_bad_input_total counter
                pingpong_bad_input_total{kind="bad_text"} 0
                pingpong_bad_input_total{kind="quote\\"d\\\\"} 2
                pingpong_bad_input_total{kind="unknown_type"} 1
                # HELP pingpong_sessions Open sessions.
                # TYPE pingpong_sessions gauge
                pingpong_sessions 3
                """, metrics.scrape());
    }

    @Test
    void collectorsAddFamiliesAtScrapeTime() {
        Metrics metrics = new Metrics();
        AtomicInteger scrapes = new AtomicInteger();
        metrics.register(out -> out.counter("scrapes_total", "Scrapes.", scrapes.incrementAndGet()));
        metrics.scrape();
        assertTrue(metrics.scrape().contains("scrapes_total 2\n"));
    }

    @Test
    void jvmBasicsAreThere() {
        Metrics metrics = new Metrics();
        metrics.register(new JvmMetrics());
        String text = metrics.scrape();
        for (String name : new String[] {"process_start_time_seconds ", "jvm_memory_used_bytes{area=\"heap\"} ",
                "jvm_threads_current ", "process_cpu_seconds_total "}) {
            assertTrue(text.contains("\n" + name) || text.startsWith(name), name + " in\n" + text);
        }
    }

    @Test
    void invalidNamesAndNegativeIncrementsAreRefused() {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("bad-name", "x"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("ok", "x", "bad label"));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("ok_total", "x").add(-1));
    }

    @Test
    void rendersAHistogramWithCumulativeBuckets() {
        Metrics metrics = new Metrics();
        Histogram latency = metrics.histogram("op_seconds", "How long.", 0.1, 1);
        latency.observe(0.05);
        latency.observe(0.1); // a bound belongs to its own bucket (le = less or equal)
        latency.observe(0.5);
        latency.observe(7);

        assertEquals("""
                # HELP op_seconds How long.
                # TYPE op_seconds histogram
                op_seconds_bucket{le="0.1"} 2
                op_seconds_bucket{le="1"} 3
                op_seconds_bucket{le="+Inf"} 4
                op_seconds_sum 7.65
                op_seconds_count 4
                """, metrics.scrape());
        assertEquals(4, latency.count());
    }

    @Test
    void histogramBoundsMustIncrease() {
        Metrics metrics = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("h", "x", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("h", "x"));
        assertThrows(IllegalArgumentException.class, () -> metrics.histogram("h", "x", Double.POSITIVE_INFINITY));
    }

    @Test
    void samplesCarrySeveralLabelsInOrder() {
        assertEquals("pair_restarts{namespace=\"a\",pair=\"q\\\"\",side=\"server\"} 3\n", new MetricsWriter()
                .sample("pair_restarts", List.of("namespace", "pair", "side"), List.of("a", "q\"", "server"), 3)
                .toString());
        assertThrows(IllegalArgumentException.class,
                () -> new MetricsWriter().sample("x", List.of("a", "b"), List.of("1"), 1));
    }

    @Test
    void specialValuesUseTheFormatsSpelling() {
        assertEquals("a NaN\nb +Inf\nc 0.25\n",
                new MetricsWriter().sample("a", Double.NaN).sample("b", Double.POSITIVE_INFINITY).sample("c", 0.25).toString());
    }
}
