package dev.pingpong.webtransport.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What peers do wrong, logged so that a flood cannot flood the log: per kind, the first event of an interval gets
 * its own line; the rest of that interval are counted and summed up in one line when it ends, with how many peers
 * they came from and the last one.
 */
final class PeerLog {

    private static final Logger LOG = LoggerFactory.getLogger(PeerLog.class);
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Distinct peers remembered per kind and interval; past it the summary says "at least". */
    private static final int MAX_PEERS = 1024;

    private final LongSupplier nanoClock;
    private final Consumer<String> sink;
    private final EventExecutor timer;
    private final Map<String, Interval> intervals = new HashMap<>();
    private boolean summaryScheduled;

    PeerLog() {
        this(System::nanoTime, LOG::info, GlobalEventExecutor.INSTANCE);
    }

    PeerLog(LongSupplier nanoClock, Consumer<String> sink, EventExecutor timer) {
        this.nanoClock = nanoClock;
        this.sink = sink;
        this.timer = timer;
    }

    /** Reports one event of {@code kind} by {@code peer}; {@code message} describes it and names the ids that matter. */
    synchronized void report(String kind, SocketAddress peer, String message) {
        long now = nanoClock.getAsLong();
        Interval interval = intervals.get(kind);
        if (interval != null && now - interval.start < INTERVAL_NANOS) {
            interval.suppress(peer);
            scheduleSummary();
            return;
        }
        if (interval != null) {
            summarize(kind, interval);
        }
        intervals.put(kind, new Interval(now));
        sink.accept(message + " [peer " + peer + "]");
    }

    /** Writes the summary of every interval that has ended and forgets it. */
    synchronized void summarizeEnded() {
        summaryScheduled = false;
        long now = nanoClock.getAsLong();
        for (Iterator<Map.Entry<String, Interval>> it = intervals.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Interval> entry = it.next();
            if (now - entry.getValue().start >= INTERVAL_NANOS) {
                summarize(entry.getKey(), entry.getValue());
                it.remove();
            }
        }
        if (intervals.values().stream().anyMatch(i -> i.suppressed > 0)) {
            scheduleSummary();
        }
    }

    private void scheduleSummary() {
        if (!summaryScheduled) {
            summaryScheduled = true;
            timer.schedule(this::summarizeEnded, INTERVAL_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void summarize(String kind, Interval interval) {
        if (interval.suppressed == 0) {
            return;
        }
        sink.accept(interval.suppressed + " more " + kind + " in " + TimeUnit.NANOSECONDS.toSeconds(INTERVAL_NANOS)
                + "s from " + (interval.peers.size() >= MAX_PEERS ? "at least " : "") + interval.peers.size()
                + " peer(s), last " + interval.lastPeer);
    }

    private static final class Interval {
        final long start;
        final Set<SocketAddress> peers = new HashSet<>();
        long suppressed;
        SocketAddress lastPeer;

        Interval(long start) {
            this.start = start;
        }

        void suppress(SocketAddress peer) {
            suppressed++;
            lastPeer = peer;
            if (peers.size() < MAX_PEERS) {
                peers.add(peer);
            }
        }
    }
}
