package dev.pingpong.client.it.lossy;

import java.time.Duration;

/**
 * What the relay does to the packets of one direction, in the manner of netem: each packet is dropped with
 * probability {@code loss}; the others wait {@code delay} plus a uniform jitter in [-jitter, +jitter] (never below
 * zero), except that with probability {@code reorder} a packet goes at once and so overtakes those waiting.
 */
public record Impairment(double loss, Duration delay, Duration jitter, double reorder) {

    public static final Impairment NONE = new Impairment(0, Duration.ZERO, Duration.ZERO, 0);

    public Impairment {
        if (loss < 0 || loss > 1 || reorder < 0 || reorder > 1) {
            throw new IllegalArgumentException("loss and reorder are probabilities, got " + loss + " and " + reorder);
        }
        if (delay.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("delay and jitter must not be negative");
        }
    }

    public static Impairment loss(double probability) {
        return new Impairment(probability, Duration.ZERO, Duration.ZERO, 0);
    }

    public static Impairment delay(Duration delay, Duration jitter, double reorder) {
        return new Impairment(0, delay, jitter, reorder);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "loss %.0f%%, delay %d ms +- %d ms, reorder %.0f%%", loss * 100,
                delay.toMillis(), jitter.toMillis(), reorder * 100);
    }
}
