package dev.pingpong.client;

/** Nanoseconds written as milliseconds with three decimals ({@code 412345} gives {@code 0.412}), without String.format. */
final class Millis {

    private Millis() {
    }

    static String format(long nanos) {
        long micros = Math.round(nanos / 1_000.0);
        StringBuilder text = new StringBuilder(12);
        text.append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            text.append('0');
        }
        if (fraction < 10) {
            text.append('0');
        }
        return text.append(fraction).toString();
    }
}
