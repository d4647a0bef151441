package dev.pingpong.app;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes Prometheus text exposition format 0.0.4: per family a {@code # HELP} and a {@code # TYPE} line,
 * then its samples.
 */
public final class MetricsWriter {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final StringBuilder text = new StringBuilder(4096);

    /** Starts a family; {@code type} is {@code counter}, {@code gauge}, {@code histogram} or {@code untyped}. */
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
        return sample(name, List.of(labelName), List.of(labelValue), value);
    }

    /** A sample with a label per name, {@code labelValues} in the order of {@code labelNames}. */
    public MetricsWriter sample(String name, List<String> labelNames, List<String> labelValues, double value) {
        if (labelNames.size() != labelValues.size()) {
            throw new IllegalArgumentException(labelNames.size() + " label names for " + labelValues.size() + " values");
        }
        text.append(name).append('{');
        for (int i = 0; i < labelNames.size(); i++) {
            text.append(i == 0 ? "" : ",").append(labelNames.get(i)).append("=\"")
                    .append(escapeLabel(labelValues.get(i))).append('"');
        }
        text.append("} ");
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
        text.append(format(value)).append('\n');
        return this;
    }

    /** A number as the format spells it: {@code NaN}, {@code +Inf}, whole numbers without a fraction. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
