package dev.pingpong.operator.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "250ms, PT0.25S",
            "1s, PT1S",
            "1m30s, PT1M30S",
            "240h, PT240H",
            "1h2m3s, PT1H2M3S",
            "1.5h, PT1H30M",
            "0.5s, PT0.5S",
            "1500us, PT0.0015S",
            "1500µs, PT0.0015S",
            "7ns, PT0.000000007S",
            "0, PT0S",
            "0s, PT0S",
            "90m, PT1H30M",
            "1s1s, PT2S",
    })
    void parsesGoDurations(String text, Duration expected) {
        assertEquals(expected, GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1", "10", "s", "1d", "1 s", " 1s", "1s ", "-1s", "+1s", "1.s", ".5s", "1S",
            "1h-5m", "PT1S", "1e3s", "99999999999999999999h"})
    void refusesEverythingElseWithAClearMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertTrue(e.getMessage().contains('"' + text + '"'), e.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(null));
    }

    @ParameterizedTest
    @CsvSource({"PT240H, 240h", "PT1M30S, 1m30s", "PT0.25S, 250ms", "PT1.5S, 1s500ms", "PT0S, 0s",
            "PT1H0.000001S, 1h1us", "PT0.000000007S, 7ns", "PT2H, 2h"})
    void formatsCompactlyAndParsesBack(Duration duration, String expected) {
        assertEquals(expected, GoDuration.format(duration));
        assertEquals(duration, GoDuration.parse(expected));
    }

    @Test
    void formatRefusesNegative() {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.format(Duration.ofSeconds(-1)));
    }

    @Test
    void patternAcceptsWhatParseAccepts() {
        Pattern pattern = Pattern.compile(GoDuration.PATTERN);
        for (String ok : new String[] {"250ms", "1m30s", "240h", "0", "1.5h", "10µs"}) {
            assertTrue(pattern.matcher(ok).matches(), ok);
        }
        for (String bad : new String[] {"1", "-1s", "1d", "", "1 s"}) {
            assertFalse(pattern.matcher(bad).matches(), bad);
        }
    }

    @Test
    void parseAtLeastEnforcesTheMinimumAndNamesTheField() {
        Duration minimum = Duration.ofSeconds(60);
        assertEquals(Duration.ofMinutes(1), GoDuration.parseAtLeast("spec.tls.duration", "60s", minimum));
        assertEquals(Duration.ofHours(240), GoDuration.parseAtLeast("spec.tls.duration", "240h", minimum));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> GoDuration.parseAtLeast("spec.tls.duration", "59s", minimum));
        assertEquals("spec.tls.duration: \"59s\" is shorter than the minimum 1m", tooShort.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> GoDuration.parseAtLeast("spec.tls.duration", "ten minutes", minimum));
        assertTrue(malformed.getMessage().startsWith("spec.tls.duration: invalid duration \"ten minutes\""),
                malformed.getMessage());
    }
}
