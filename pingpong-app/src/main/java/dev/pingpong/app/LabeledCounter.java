package dev.pingpong.app;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A counter family split by the values of one label, e.g. bad frames by kind. */
public final class LabeledCounter {

    private final String labelName;
    private final Map<String, Counter> byValue = new ConcurrentSkipListMap<>();

    LabeledCounter(String labelName) {
        this.labelName = MetricsWriter.checkName(labelName);
    }

    /** The counter for one label value, created at zero on first use. */
    public Counter labels(String value) {
        return byValue.computeIfAbsent(value, ignored -> new Counter());
    }

    void writeSamples(String name, MetricsWriter out) {
        byValue.forEach((value, counter) -> out.sample(name, labelName, value, counter.get()));
    }
}
