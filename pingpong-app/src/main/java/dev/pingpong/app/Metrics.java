package dev.pingpong.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/** A small metrics registry rendered as Prometheus text (served on {@code /metrics}). */
public final class Metrics {

    /** The Content-Type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final List<MetricsCollector> collectors = new CopyOnWriteArrayList<>();

    public Counter counter(String name, String help) {
        Counter counter = new Counter();
        register(out -> out.counter(name, help, counter.get()), name);
        return counter;
    }

    public LabeledCounter counter(String name, String help, String labelName) {
        LabeledCounter counter = new LabeledCounter(labelName);
        register(out -> {
            out.family(name, "counter", help);
            counter.writeSamples(name, out);
        }, name);
        return counter;
    }

    /** A histogram with the given bucket bounds (increasing; +Inf is always added). */
    public Histogram histogram(String name, String help, double... bounds) {
        Histogram histogram = new Histogram(bounds);
        register(out -> {
            out.family(name, "histogram", help);
            histogram.writeSamples(name, out);
        }, name);
        return histogram;
    }

    public void gauge(String name, String help, DoubleSupplier value) {
        register(out -> out.gauge(name, help, value.getAsDouble()), name);
    }

    public void register(MetricsCollector collector) {
        collectors.add(collector);
    }

    public String scrape() {
        MetricsWriter out = new MetricsWriter();
        collectors.forEach(collector -> collector.collect(out));
        return out.toString();
    }

    private void register(MetricsCollector collector, String name) {
        MetricsWriter.checkName(name);
        register(collector);
    }
}
