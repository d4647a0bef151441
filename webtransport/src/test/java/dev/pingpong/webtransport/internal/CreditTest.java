package dev.pingpong.webtransport.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditTest {

    @Test
    void receiveCreditMovesOnOnceHalfTheWindowIsReleased() {
        ReceiveCredit credit = new ReceiveCredit(100, 100);
        assertTrue(credit.use(100), "exactly the limit is allowed");
        assertEquals(-1, credit.release(49), "51 still ahead: no new limit yet");
        assertEquals(150, credit.release(1), "half released: the window reopens ahead of what was released");
        assertEquals(150, credit.limit());
        assertTrue(credit.use(50));
        assertFalse(credit.use(1), "one byte past the advertised limit");
    }

    @Test
    void aWindowOfOneMovesOnAtEveryRelease() {
        ReceiveCredit streams = new ReceiveCredit(1, 1);
        assertTrue(streams.use(1));
        assertFalse(new ReceiveCredit(1, 1).use(2));
        assertEquals(2, streams.release(1));
        assertEquals(3, streams.use(1) ? streams.release(1) : -2);
    }

    @Test
    void aPeerBlockedAtOurLimitDoublesTheWindowUpToItsMaximum() {
        ReceiveCredit credit = new ReceiveCredit(100, 300);
        assertEquals(-1, credit.onPeerBlocked(50), "blocked at an old limit: nothing to learn");
        assertEquals(200, credit.onPeerBlocked(100));
        assertEquals(300, credit.onPeerBlocked(200), "capped at the maximum");
        assertEquals(-1, credit.onPeerBlocked(300), "already at the maximum");
        assertTrue(credit.use(300));
        assertEquals(-1, credit.release(100), "200 still ahead of a 300 window");
        assertEquals(450, credit.release(50));
    }

    @Test
    void sendCreditTakesWhatIsAvailableAndOnlyIncreases() {
        SendCredit credit = new SendCredit(10);
        assertEquals(10, credit.take(25));
        assertEquals(0, credit.take(1));
        assertFalse(credit.raise(10), "the same limit again does not increase it");
        assertFalse(credit.raise(5), "a lower limit is refused");
        assertEquals(10, credit.limit());
        assertTrue(credit.raise(30));
        assertEquals(20, credit.available());
    }

    @Test
    void aBlockedReportIsDueOncePerLimit() {
        SendCredit credit = new SendCredit(0);
        assertTrue(credit.blockedReportDue());
        assertFalse(credit.blockedReportDue());
        assertTrue(credit.raise(1));
        assertTrue(credit.blockedReportDue(), "blocked again at the new limit");
    }
}
