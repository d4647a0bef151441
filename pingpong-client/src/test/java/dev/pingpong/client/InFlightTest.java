package dev.pingpong.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InFlightTest {

    @Test
    void expiresOldestFirstAndKeepsTheRest() {
        InFlight inFlight = new InFlight();
        inFlight.add(1, -100);
        inFlight.add(2, -50);
        inFlight.add(3, 10);
        List<Long> expired = new ArrayList<>();
        inFlight.expire(-50, expired::add);
        assertEquals(List.of(1L, 2L), expired);
        assertEquals(10, inFlight.oldestSentNanos());
    }

    @Test
    void aSettledPingCannotSettleTwice() {
        InFlight inFlight = new InFlight();
        inFlight.add(5, 1000);
        assertEquals(1000, inFlight.remove(5));
        assertEquals(-1, inFlight.remove(5));
        assertTrue(inFlight.isEmpty());
    }

    @Test
    void clearHandsOverEverythingEvenWithNegativeTimes() {
        InFlight inFlight = new InFlight();
        inFlight.add(1, Long.MIN_VALUE + 5);
        inFlight.add(2, Long.MAX_VALUE - 5);
        List<Long> settled = new ArrayList<>();
        inFlight.clear(settled::add);
        assertEquals(List.of(1L, 2L), settled);
        assertEquals(-1, inFlight.oldestSentNanos());
    }

    @Test
    void thousandsInFlightWithHolesKeepTheirOrderAndTimesAcrossGrowth() {
        InFlight inFlight = new InFlight();
        for (long seq = 1; seq <= 5_000; seq++) {
            inFlight.add(seq, seq * 10);
            if (seq % 3 == 0) {
                assertEquals(seq * 10, inFlight.remove(seq));
            }
        }
        assertEquals(5_000 - 5_000 / 3, inFlight.size());
        assertEquals(10, inFlight.oldestSentNanos());
        assertEquals(-1, inFlight.remove(3), "settled before");
        assertEquals(-1, inFlight.remove(5_001), "never sent");
        assertEquals(10, inFlight.remove(1));
        assertEquals(20, inFlight.oldestSentNanos());
        assertEquals(2, inFlight.countHolding(new LossPresumption(0, 5_000, 49_975)),
                "overtaken and sent by 49,975 ns: all but 4,999 and 5,000");
        assertEquals(4_999, inFlight.oldestHoldingSeq(new LossPresumption(0, 5_000, 49_975)));
        assertEquals(49_990, inFlight.sentNanos(4_999));
        assertEquals(3_333 - 6, inFlight.countHolding(new LossPresumption(11, 0, Long.MAX_VALUE)),
                "below seq 11 given up: 2, 4, 5, 7, 8 and 10");
        assertEquals(4_999, inFlight.firstSentAfter(49_975));
        assertEquals(5_001, inFlight.firstSentAfter(50_000), "none: the next seq");
        List<Long> expired = new ArrayList<>();
        inFlight.expire(60, expired::add);
        assertEquals(List.of(2L, 4L, 5L), expired);
        assertEquals(70, inFlight.oldestSentNanos());
    }

    @Test
    void aSeqOlderThanOneInFlightIsRefused() {
        InFlight inFlight = new InFlight();
        inFlight.add(7, 1);
        assertThrows(IllegalArgumentException.class, () -> inFlight.add(6, 2));
    }
}
