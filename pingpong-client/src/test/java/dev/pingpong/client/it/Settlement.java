package dev.pingpong.client.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The accounting rule, checked on a client's {@code --json} output: every ping ends in exactly one record. */
final class Settlement {

    private Settlement() {
    }

    /** Each seq 1..count of one session appears exactly once as a pong or a lost record, and the summary adds up. */
    static Map<String, String> assertEverySeqSettledOnce(List<String> lines, int count) {
        return assertEverySeqSettledOnce(lines, 1, count);
    }

    /** The same for each of {@code sessions} sessions (records told apart by their {@code session} field). */
    static Map<String, String> assertEverySeqSettledOnce(List<String> lines, int sessions, int count) {
        Map<String, String> outcome = new HashMap<>();
        for (String type : List.of("pong", "lost")) {
            for (Map<String, String> record : JsonLines.ofType(lines, type)) {
                String key = record.get("session") + "/" + record.get("seq");
                String previous = outcome.put(key, type);
                assertEquals(null, previous, "session/seq " + key + " settled twice");
            }
        }
        for (int session = 0; session < sessions; session++) {
            for (long seq = 1; seq <= count; seq++) {
                String key = session + "/" + seq;
                assertTrue(outcome.containsKey(key), () -> "session/seq " + key + " never settled; output: " + lines);
            }
        }
        assertEquals((long) sessions * count, outcome.size(), "no record for a seq beyond --count");
        List<Map<String, String>> summaries = JsonLines.ofType(lines, "summary");
        assertEquals(1, summaries.size());
        Map<String, String> summary = summaries.get(0);
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"type\":\"summary\""), "the summary is the last line");
        assertEquals((long) sessions * count, JsonLines.number(summary, "sent"));
        assertEquals(JsonLines.number(summary, "sent"), JsonLines.number(summary, "received") + JsonLines.number(summary, "lost"));
        assertEquals(outcome.values().stream().filter("pong"::equals).count(), JsonLines.number(summary, "received"));
        return summary;
    }
}
