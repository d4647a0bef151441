package dev.pingpong.client.bench;

/** What a client run's JSON summary says, its exit status and the CPU time it used. */
record ClientResult(long sent, long lost, double p50, double p99, double settledPerSecond, int exit, long cpuNanos) {

    static ClientResult of(String summary, int exit, long cpuNanos) {
        return new ClientResult((long) number(summary, "sent"), (long) number(summary, "lost"), number(summary, "p50"),
                number(summary, "p99"), number(summary, "settled_per_s"), exit, cpuNanos);
    }

    /** The number after {@code "key":} in a JSON line whose keys are unique (NaN for null). */
    static double number(String json, String key) {
        String marker = "\"" + key + "\":";
        int start = json.indexOf(marker);
        if (start < 0) {
            throw new IllegalArgumentException("no " + key + " in " + json);
        }
        start += marker.length();
        int end = start;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        String value = json.substring(start, end);
        return value.equals("null") ? Double.NaN : Double.parseDouble(value);
    }
}
