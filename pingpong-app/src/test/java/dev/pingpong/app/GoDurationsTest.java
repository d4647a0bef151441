package dev.pingpong.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** {@link GoDurations} against the examples of Go's own {@code time.ParseDuration} tests (src/time/time_test.go). */
class GoDurationsTest {

    private static final long NS = 1;
    private static final long US = 1_000 * NS;
    private static final long MS = 1_000 * US;
    private static final long S = 1_000 * MS;
    private static final long M = 60 * S;
    private static final long H = 60 * M;

    /** Go's parseDurationTests: every one parses, to exactly Go's value. */
    static Stream<Arguments> goValidExamples() {
        return Stream.of(
                // simple
                arguments("0", 0L),
                arguments("5s", 5 * S),
                arguments("30s", 30 * S),
                arguments("1478s", 1478 * S),
                // sign
                arguments("-5s", -5 * S),
                arguments("+5s", 5 * S),
                arguments("-0", 0L),
                arguments("+0", 0L),
                // decimal
                arguments("5.0s", 5 * S),
                arguments("5.6s", 5 * S + 600 * MS),
                arguments("5.s", 5 * S),
                arguments(".5s", 500 * MS),
                arguments("1.0s", 1 * S),
                arguments("1.00s", 1 * S),
                arguments("1.004s", 1 * S + 4 * MS),
                arguments("1.0040s", 1 * S + 4 * MS),
                arguments("100.00100s", 100 * S + 1 * MS),
                // different units
                arguments("10ns", 10 * NS),
                arguments("11us", 11 * US),
                arguments("12\u00b5s", 12 * US),
                arguments("12\u03bcs", 12 * US),
                arguments("13ms", 13 * MS),
                arguments("14s", 14 * S),
                arguments("15m", 15 * M),
                arguments("16h", 16 * H),
                // composite durations
                arguments("3h30m", 3 * H + 30 * M),
                arguments("10.5s4m", 4 * M + 10 * S + 500 * MS),
                arguments("-2m3.4s", -(2 * M + 3 * S + 400 * MS)),
                arguments("1h2m3s4ms5us6ns", 1 * H + 2 * M + 3 * S + 4 * MS + 5 * US + 6 * NS),
                arguments("39h9m14.425s", 39 * H + 9 * M + 14 * S + 425 * MS),
                // large value
                arguments("52763797000ns", 52763797000L * NS),
                // more than 9 digits after the decimal point
                arguments("0.3333333333333333333h", 20 * M),
                // 2^53+1 cannot be held exactly by a float64
                arguments("9007199254740993ns", (1L << 53) + 1),
                // the largest duration int64 nanoseconds hold
                arguments("9223372036854775807ns", Long.MAX_VALUE),
                arguments("9223372036854775.807us", Long.MAX_VALUE),
                arguments("9223372036s854ms775us807ns", Long.MAX_VALUE),
                arguments("-9223372036854775808ns", Long.MIN_VALUE),
                arguments("-9223372036854775.808us", Long.MIN_VALUE),
                arguments("-9223372036s854ms775us808ns", Long.MIN_VALUE),
                // the largest negative value
                arguments("-9223372036854775808ns", Long.MIN_VALUE),
                // the largest negative value written the way Go prints it
                arguments("-2562047h47m16.854775808s", Long.MIN_VALUE),
                // a huge string
                arguments("0.100000000000000000000h", 6 * M),
                // the first overflow check while reading a fraction
                arguments("0.830103483285477580700h", 49 * M + 48 * S + 372539827 * NS));
    }

    /**
     * Go's parseDurationErrorTests. Go's cases of invalid UTF-8 bytes appear as a Java string receives them:
     * each bad byte decoded to U+FFFD.
     */
    static Stream<String> goInvalidExamples() {
        return Stream.concat(goSyntaxErrors(), goOverflows());
    }

    static Stream<String> goSyntaxErrors() {
        return Stream.of("", "3", "-", "s", ".", "-.", ".s", "+.s", "1d",
                "\ufffd\ufffd", "\ufffdff", "hello \ufffdff world",
                "\ufffd", "\ufffd hello \ufffd world");
    }

    static Stream<String> goOverflows() {
        return Stream.of("9223372036854775810ns", "9223372036854775808ns", "-9223372036854775809ns",
                "9223372036854776us", "3000000h", "9223372036854775.808us", "9223372036854ms775us808ns");
    }

    @ParameterizedTest(name = "\"{0}\" = {1}ns")
    @MethodSource("goValidExamples")
    void parsesGoExamplesToGoValues(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDurations.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @MethodSource("goInvalidExamples")
    void refusesGoInvalidExamplesQuotingTheText(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(text));
        assertTrue(refused.getMessage().contains('"' + text + '"'), refused.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is out of range")
    @MethodSource("goOverflows")
    void overflowIsSaidToBeARangeProblem(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(text));
        assertTrue(refused.getMessage().contains("out of range"), refused.getMessage());
    }

    @Test
    void whatGoRefusesBesidesItsTable() {
        for (String bad : new String[] {" 1s", "1s ", "1 s", "1S", "1e3s", "1h-30m", "1h+30m", "1.2.3s", "--1s",
                "+-1s", "00", "-00", "1ss", "PT1S", "1\u00b5", "1\u03bc"}) {
            assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> GoDurations.parse(null));
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertEquals("invalid duration \"1d\": unknown unit \"d\" (ns, us, ms, s, m, h)",
                assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("1d")).getMessage());
        assertEquals("invalid duration \"10\": missing unit (ns, us, ms, s, m, h)",
                assertThrows(IllegalArgumentException.class, () -> GoDurations.parse("10")).getMessage());
    }

    @Test
    void formatsWithoutZeroParts() {
        assertEquals("0s", GoDurations.format(Duration.ZERO));
        assertEquals("250ms", GoDurations.format(Duration.ofMillis(250)));
        assertEquals("1m30s", GoDurations.format(Duration.ofSeconds(90)));
        assertEquals("240h", GoDurations.format(Duration.ofHours(240)));
        assertEquals("1s500ms", GoDurations.format(Duration.ofMillis(1500)));
        assertEquals("1h1ns", GoDurations.format(Duration.ofHours(1).plusNanos(1)));
        assertEquals("-1m30s", GoDurations.format(Duration.ofSeconds(-90)));
        assertEquals("2562047h47m16s854ms775us807ns", GoDurations.format(Duration.ofNanos(Long.MAX_VALUE)));
        assertEquals("-2562047h47m16s854ms775us808ns", GoDurations.format(Duration.ofNanos(Long.MIN_VALUE)));
    }

    @Test
    void formatRefusesWhatGoCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> GoDurations.format(Duration.ofDays(365L * 300)));
    }

    @ParameterizedTest(name = "\"{0}\" reads back")
    @MethodSource("goValidExamples")
    void whatFormatWritesParsesBack(String text, long nanos) {
        Duration value = GoDurations.parse(text);
        assertEquals(value, GoDurations.parse(GoDurations.format(value)));
    }

    @Test
    void randomValuesRoundTrip() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Duration value = Duration.ofNanos(random.nextLong() >> random.nextInt(64));
            assertEquals(value, GoDurations.parse(GoDurations.format(value)), value::toString);
        }
    }
}
