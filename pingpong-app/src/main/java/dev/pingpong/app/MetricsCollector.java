package dev.pingpong.app;

/** Contributes metric families at scrape time, e.g. from another component's statistics. */
@FunctionalInterface
public interface MetricsCollector {

    void collect(MetricsWriter out);
}
