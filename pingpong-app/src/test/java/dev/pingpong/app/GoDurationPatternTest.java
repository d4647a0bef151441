package dev.pingpong.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link GoDurations#PATTERN} (what a schema checks, e.g. the CRD) accepts exactly what {@link GoDurations#parse}
 * reads, but for values out of int64 range, which no pattern can see. {@code matches()} is used because it is what
 * the API server's Go regexp does with an anchored pattern: {@code $} there never matches before a final newline.
 */
class GoDurationPatternTest {

    private static final Pattern PATTERN = Pattern.compile(GoDurations.PATTERN);

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("dev.pingpong.app.GoDurationsTest#goValidExamples")
    void acceptsGoValidExamples(String text) {
        assertTrue(PATTERN.matcher(text).matches(), text);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("dev.pingpong.app.GoDurationsTest#goSyntaxErrors")
    void refusesGoSyntaxErrors(String text) {
        assertFalse(PATTERN.matcher(text).matches(), text);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("dev.pingpong.app.GoDurationsTest#goOverflows")
    void overflowIsLeftToTheParser(String text) {
        assertTrue(PATTERN.matcher(text).matches(), text);
    }

    @Test
    void agreesWithTheParserOnAGeneratedCorpus() {
        Random random = new Random(20260101);
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            corpus.add(randomText(random));
            corpus.add(mutate(random, wellFormed(random)));
            corpus.add(wellFormed(random));
        }
        int accepted = 0;
        for (String text : corpus) {
            boolean matches = PATTERN.matcher(text).matches();
            assertEquals(parsesOrIsOnlyOutOfRange(text), matches, () -> "pattern and parser disagree on \"" + text + "\"");
            accepted += matches ? 1 : 0;
        }
        // both sides of the line are well represented, so a disagreement on either side would show
        assertTrue(accepted > corpus.size() / 4 && accepted < corpus.size() * 3 / 4, accepted + " of " + corpus.size());
    }

    private static boolean parsesOrIsOnlyOutOfRange(String text) {
        try {
            GoDurations.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return e.getMessage().contains("out of range");
        }
    }

    private static final String[] UNITS = {"ns", "us", "\u00b5s", "\u03bcs", "ms", "s", "m", "h"};
    private static final String[] WRONG_UNITS = {"", "d", "S", "sm", "mss", "n", "u", "\u00b5", "hh", " s", "s\n"};
    private static final String ALPHABET = "0123456789.+-nsu\u00b5\u03bcmhd e\n";

    /** Sign, then one to four parts of whole digits, a point and fraction digits in every combination, and a unit. */
    private static String wellFormed(Random random) {
        StringBuilder text = new StringBuilder(List.of("", "", "-", "+").get(random.nextInt(4)));
        if (random.nextInt(10) == 0) {
            return text.append('0').toString();
        }
        int parts = 1 + random.nextInt(4);
        for (int i = 0; i < parts; i++) {
            int whole = random.nextInt(4);
            int fraction = random.nextInt(4);
            boolean point = random.nextBoolean() && (whole > 0 || fraction > 0);
            text.append(digits(random, whole));
            if (point) {
                text.append('.').append(digits(random, fraction));
            }
            text.append(random.nextInt(8) == 0 ? WRONG_UNITS[random.nextInt(WRONG_UNITS.length)] : UNITS[random.nextInt(UNITS.length)]);
        }
        return text.toString();
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** Deletes, inserts or replaces one character. */
    private static String mutate(Random random, String text) {
        StringBuilder mutated = new StringBuilder(text);
        int at = random.nextInt(text.length() + 1);
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        switch (random.nextInt(3)) {
            case 0 -> {
                if (at < mutated.length()) {
                    mutated.deleteCharAt(at);
                }
            }
            case 1 -> mutated.insert(at, c);
            default -> {
                if (at < mutated.length()) {
                    mutated.setCharAt(at, c);
                }
            }
        }
        return mutated.toString();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
