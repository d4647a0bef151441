package dev.pingpong.operator.observe;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the few series the operator needs out of a client's Prometheus text exposition (format 0.0.4) and ignores
 * every other family. A counter that is missing, negative or not a number makes the whole sample unreadable: half
 * a sample would pass for pings that stopped.
 */
final class ClientMetricsText {

    static final String PINGS = "pingpong_client_pings_sent_total";
    static final String PONGS = "pingpong_client_pongs_received_total";
    static final String LOST = "pingpong_client_pings_lost_total";
    static final String RECONNECTS = "pingpong_client_reconnects_total";
    static final String RTT = "pingpong_client_rtt_seconds";
    private static final String P50 = RTT + "{quantile=\"0.5\"}";
    private static final String P99 = RTT + "{quantile=\"0.99\"}";
    /** Beyond this the figure is not an RTT of a running client but garbage. */
    private static final double MAX_RTT_SECONDS = 3600;

    /** Why a text is not a client sample, naming the line or the missing series. */
    static final class UnreadableMetrics extends Exception {
        UnreadableMetrics(String message) {
            super(message);
        }
    }

    private ClientMetricsText() {
    }

    static ClientSample parse(String text) throws UnreadableMetrics {
        Map<String, Double> wanted = new HashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String trimmed = line.strip();
            if (!trimmed.startsWith("pingpong_client_")) {
                continue; // comments, blank lines and the other families (JVM metrics)
            }
            String series = series(trimmed, number);
            String[] rest = trimmed.substring(series.length()).strip().split("\\s+");
            if (rest.length > 2 || rest[0].isEmpty()) {
                throw new UnreadableMetrics("line " + number + ": expected a value after " + series);
            }
            wanted.put(series, value(rest[0], series, number));
        }
        return new ClientSample(counter(wanted, PINGS), counter(wanted, PONGS), counter(wanted, LOST),
                counter(wanted, RECONNECTS), rtt(wanted, P50), rtt(wanted, P99));
    }

    /** The series name with its labels as written ({@code name} or {@code name{...}}). */
    private static String series(String line, int number) throws UnreadableMetrics {
        int brace = line.indexOf('{');
        int space = indexOfWhitespace(line);
        if (brace >= 0 && (space < 0 || brace < space)) {
            int close = line.indexOf('}', brace);
            if (close < 0) {
                throw new UnreadableMetrics("line " + number + ": unterminated label set");
            }
            return line.substring(0, close + 1);
        }
        if (space < 0) {
            throw new UnreadableMetrics("line " + number + ": no value");
        }
        return line.substring(0, space);
    }

    private static int indexOfWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static double value(String text, String series, int number) throws UnreadableMetrics {
        try {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        } catch (NumberFormatException e) {
            throw new UnreadableMetrics("line " + number + ": " + series + " has no number but '" + text + "'");
        }
    }

    private static long counter(Map<String, Double> values, String name) throws UnreadableMetrics {
        Double value = values.get(name);
        if (value == null) {
            throw new UnreadableMetrics("no " + name + " (is this a pingpong-client?)");
        }
        if (value.isNaN() || value.isInfinite() || value < 0 || value > Long.MAX_VALUE) {
            throw new UnreadableMetrics(name + " is " + value + ", not a counter value");
        }
        return value.longValue();
    }

    private static Duration rtt(Map<String, Double> values, String series) throws UnreadableMetrics {
        Double seconds = values.get(series);
        if (seconds == null) {
            return null;
        }
        if (seconds.isNaN() || seconds < 0 || seconds > MAX_RTT_SECONDS) {
            throw new UnreadableMetrics(series + " is " + seconds + ", not a round-trip time");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
