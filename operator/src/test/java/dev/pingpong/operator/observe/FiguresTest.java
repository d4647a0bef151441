package dev.pingpong.operator.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pingpong.app.GoDurations;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @ParameterizedTest
    @CsvSource({"412000, 0.41ms", "415000, 0.42ms", "1940000, 1.9ms", "12345678, 12ms", "149600000, 150ms",
            "999000000, 1s", "1520000000, 1.5s", "25000, 0.025ms"})
    void roundTripsHaveTwoSignificantDigitsAsGoDurations(long nanos, String written) {
        assertEquals(written, Figures.rtt(Duration.ofNanos(nanos)));
        // what the status says, Go's time.ParseDuration (and so the operator's own GoDurations) reads back
        GoDurations.parse(written);
    }

    @Test
    void noRoundTripStaysAbsent() {
        assertNull(Figures.rtt(null));
    }

    @ParameterizedTest
    @CsvSource({"0, 30, 0%", "1, 30, 3.3%", "1, 3000, 0.0%", "30, 30, 100.0%", "45, 30, 100.0%", "1, 8, 12.5%"})
    void lossIsAPercentageWithOneDecimal(long lost, long sent, String written) {
        assertEquals(written, Figures.loss(lost, sent));
    }

    @Test
    void noPingsSentMeansNoLossFigure() {
        assertNull(Figures.loss(3, 0));
    }
}
