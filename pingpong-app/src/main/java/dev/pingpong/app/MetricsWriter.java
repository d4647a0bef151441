package dev.pingpong.app;

import java.util.regex.Pattern;

/**
 * Writes Prometheus text exposition format 0.0.4: per family a {@code # HELP} and a {@code # TYPE} line,
 * then its samples. Samples carry at most one label, which is all PingPong needs.
 */
public final class MetricsWriter {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final StringBuilder text = new StringBuilder(4096);

    /** Starts a family; {@code type} is {@code counter}, {@code gauge} or {@code untyped}. */
    public MetricsWriter family(String name, String type, String help) {
        checkName(name);
        text.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    public MetricsWriter sample(String name, double value) {
        text.append(name).append(' ');
        return value(value);
    }

    public MetricsWriter sample(String name, String labelName, String labelValue, double value) {
        text.append(name).append('{').append(labelName).append("=\"").append(escapeLabel(labelValue)).append("\"} ");
        return value(value);
    }

    /** A counter family with one unlabeled sample. */
    public MetricsWriter counter(String name, String help, double value) {
        return family(name, "counter", help).sample(name, value);
    }

    /** A gauge family with one unlabeled sample. */
    public MetricsWriter gauge(String name, String help, double value) {
        return family(name, "gauge", help).sample(name, value);
    }

    /** Throws when {@code name} is not a valid metric or label name. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid metric name '" + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private MetricsWriter value(double value) {
        if (Double.isNaN(value)) {
            text.append("NaN");
        } else if (Double.isInfinite(value)) {
            text.append(value > 0 ? "+Inf" : "-Inf");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            text.append((long) value);
        } else {
            text.append(value);
        }
        text.append('\n');
        return this;
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
