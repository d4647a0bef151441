package dev.pingpong.client;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Pings sent and not yet settled, by seq, in sending order. Since every ping has the same timeout, the
 * oldest is always the next to expire, so one timer for the head suffices. Used on one thread only.
 */
final class InFlight {

    private final LinkedHashMap<Long, Long> sentNanosBySeq = new LinkedHashMap<>();

    void add(long seq, long sentNanos) {
        sentNanosBySeq.put(seq, sentNanos);
    }

    /** Settles {@code seq}; returns its send time, or -1 when it is not in flight (late, duplicate or unknown). */
    long remove(long seq) {
        Long sent = sentNanosBySeq.remove(seq);
        return sent == null ? -1 : sent;
    }

    int size() {
        return sentNanosBySeq.size();
    }

    boolean isEmpty() {
        return sentNanosBySeq.isEmpty();
    }

    /** Send time of the oldest ping in flight, or -1 when none. */
    long oldestSentNanos() {
        return sentNanosBySeq.isEmpty() ? -1 : sentNanosBySeq.values().iterator().next();
    }

    /** How many pings in flight were sent after {@code sentAfterNanos}. */
    int countSentAfter(long sentAfterNanos) {
        int count = 0;
        for (long sent : sentNanosBySeq.values()) {
            if (sent - sentAfterNanos > 0) {
                count++;
            }
        }
        return count;
    }

    /** Send time of the oldest ping sent after {@code sentAfterNanos}, or -1 when none. */
    long oldestSentAfter(long sentAfterNanos) {
        for (long sent : sentNanosBySeq.values()) {
            if (sent - sentAfterNanos > 0) {
                return sent;
            }
        }
        return -1;
    }

    /** Removes every ping sent at or before {@code sentBeforeNanos}, oldest first, handing each seq to {@code expired}. */
    void expire(long sentBeforeNanos, LongConsumer expired) {
        Iterator<Map.Entry<Long, Long>> entries = sentNanosBySeq.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Long, Long> entry = entries.next();
            if (entry.getValue() - sentBeforeNanos > 0) {
                return;
            }
            entries.remove();
            expired.accept(entry.getKey());
        }
    }

    /** Removes every ping, oldest first, handing each seq to {@code settled}. */
    void clear(LongConsumer settled) {
        Iterator<Long> seqs = sentNanosBySeq.keySet().iterator();
        while (seqs.hasNext()) {
            long seq = seqs.next();
            seqs.remove();
            settled.accept(seq);
        }
    }
}
