package dev.pingpong.app;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GoDurationsTest {

    @Test
    void parsesGoStyle() {
        assertEquals(Duration.ofMillis(250), GoDurations.parse("250ms"));
        assertEquals(Duration.ofSeconds(1), GoDurations.parse("1s"));
        assertEquals(Duration.ofSeconds(90), GoDurations.parse("1m30s"));
        assertEquals(Duration.ofHours(240), GoDurations.parse("240h"));
        assertEquals(Duration.ZERO, GoDurations.parse("0"));
        assertEquals(Duration.ZERO, GoDurations.parse("0s"));
        assertEquals(Duration.ofMinutes(90), GoDurations.parse("1.5h"));
        assertEquals(Duration.ofNanos(1_500), GoDurations.parse("1us500ns"));
        assertEquals(Duration.ofNanos(2_000), GoDurations.parse("2µs"));
        assertEquals(Duration.ofMillis(500), GoDurations.parse(".5s"));
    }

    @Test
    void refusesWhatGoRefusesAndNegatives() {
        for (String bad : new String[] {"", "1", "10", "s", "1x", "1s ", " 1s", "-1s", "1h-30m", "1.2.3s", "1S"}) {
            assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("9999999999h"));
    }

    @Test
    void formatsWithoutZeroParts() {
        assertEquals("0s", GoDurations.format(Duration.ZERO));
        assertEquals("250ms", GoDurations.format(Duration.ofMillis(250)));
        assertEquals("1m30s", GoDurations.format(Duration.ofSeconds(90)));
        assertEquals("240h", GoDurations.format(Duration.ofHours(240)));
        assertEquals("1s500ms", GoDurations.format(Duration.ofMillis(1500)));
        assertEquals("1h1ns", GoDurations.format(Duration.ofHours(1).plusNanos(1)));
    }

    @Test
    void formatAndParseRoundTrip() {
        for (Duration d : new Duration[] {Duration.ofNanos(123_456_789_012L), Duration.ofDays(3), Duration.ofMillis(1)}) {
            assertEquals(d, GoDurations.parse(GoDurations.format(d)));
        }
    }
}
