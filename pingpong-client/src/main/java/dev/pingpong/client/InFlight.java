package dev.pingpong.client;

import java.util.function.LongConsumer;

/**
 * Pings sent and not yet settled, by seq, in sending order. Since every ping has the same timeout, the oldest is
 * always the next to expire, so one timer for the head suffices. Seqs are sent in increasing order, so the pings
 * in flight lie between the oldest one and the last sent: they are kept in a ring of primitive send times indexed
 * by seq (no boxing, no entry per ping), which grows when that span outgrows it. Used on one thread only.
 */
final class InFlight {

    private static final int INITIAL_CAPACITY = 16;

    private long[] sentNanos = new long[INITIAL_CAPACITY];
    private boolean[] present = new boolean[INITIAL_CAPACITY];
    /** The oldest seq in flight (when any); every seq from it up to {@link #endSeq} has a slot. */
    private long headSeq;
    private long endSeq;
    private int size;

    void add(long seq, long sent) {
        if (size == 0) {
            headSeq = seq;
            endSeq = seq;
        } else if (seq < endSeq) {
            throw new IllegalArgumentException("seq " + seq + " sent after " + (endSeq - 1));
        }
        while (seq - headSeq >= sentNanos.length) {
            grow();
        }
        int slot = slot(seq);
        sentNanos[slot] = sent;
        present[slot] = true;
        endSeq = seq + 1;
        size++;
    }

    /** Settles {@code seq}; returns its send time, or -1 when it is not in flight (late, duplicate or unknown). */
    long remove(long seq) {
        if (size == 0 || seq < headSeq || seq >= endSeq || !present[slot(seq)]) {
            return -1;
        }
        int slot = slot(seq);
        present[slot] = false;
        size--;
        skipSettled();
        return sentNanos[slot];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Send time of the oldest ping in flight, or -1 when none. */
    long oldestSentNanos() {
        return size == 0 ? -1 : sentNanos[slot(headSeq)];
    }

    /**
     * How many pings in flight hold their place in the window: those {@code presumption} does not presume lost (the
     * oldest ones: only they are looked at).
     */
    int countHolding(LossPresumption presumption) {
        int presumed = 0;
        for (long seq = headSeq; size > 0 && seq < endSeq; seq++) {
            int slot = slot(seq);
            if (present[slot]) {
                if (!presumption.presumesLost(seq, sentNanos[slot])) {
                    break;
                }
                presumed++;
            }
        }
        return size - presumed;
    }

    /** The oldest ping in flight that {@code presumption} does not presume lost (the next one it will), or -1. */
    long oldestHoldingSeq(LossPresumption presumption) {
        for (long seq = headSeq; size > 0 && seq < endSeq; seq++) {
            int slot = slot(seq);
            if (present[slot] && !presumption.presumesLost(seq, sentNanos[slot])) {
                return seq;
            }
        }
        return -1;
    }

    /** The send time of {@code seq}, which is in flight. */
    long sentNanos(long seq) {
        return sentNanos[slot(seq)];
    }

    /** The oldest seq in flight sent after {@code sentAfterNanos}, or the seq the next ping will have. */
    long firstSentAfter(long sentAfterNanos) {
        for (long seq = headSeq; size > 0 && seq < endSeq; seq++) {
            int slot = slot(seq);
            if (present[slot] && sentNanos[slot] - sentAfterNanos > 0) {
                return seq;
            }
        }
        return endSeq;
    }

    /** Removes every ping sent at or before {@code sentBeforeNanos}, oldest first, handing each seq to {@code expired}. */
    void expire(long sentBeforeNanos, LongConsumer expired) {
        while (size > 0 && sentNanos[slot(headSeq)] - sentBeforeNanos <= 0) {
            long seq = headSeq;
            remove(seq);
            expired.accept(seq);
        }
    }

    /** Removes every ping, oldest first, handing each seq to {@code settled}. */
    void clear(LongConsumer settled) {
        while (size > 0) {
            long seq = headSeq;
            remove(seq);
            settled.accept(seq);
        }
    }

    private int slot(long seq) {
        return (int) (seq & (sentNanos.length - 1));
    }

    /** Moves the head past settled slots, to the oldest ping still in flight. */
    private void skipSettled() {
        while (size > 0 && !present[slot(headSeq)]) {
            headSeq++;
        }
    }

    private void grow() {
        long[] oldSent = sentNanos;
        boolean[] oldPresent = present;
        sentNanos = new long[oldSent.length * 2];
        present = new boolean[oldPresent.length * 2];
        for (long seq = headSeq; seq < endSeq; seq++) {
            int from = (int) (seq & (oldSent.length - 1));
            sentNanos[slot(seq)] = oldSent[from];
            present[slot(seq)] = oldPresent[from];
        }
    }
}
