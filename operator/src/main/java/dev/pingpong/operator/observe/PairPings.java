package dev.pingpong.operator.observe;

import dev.pingpong.app.GoDurations;
import dev.pingpong.operator.model.ObservedPings;
import dev.pingpong.operator.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One pair's pings across reads: the last sample of each client pod, so that every read yields what happened in
 * the interval before it, and when pongs were last seen. Counters are read as Prometheus counters: a value lower
 * than the last one means the process restarted and counts from zero. A pod seen for the first time counts from
 * zero too, except on the pair's first read, which only sets the baseline (the operator cannot tell when those
 * pongs arrived). Used by one read at a time.
 */
final class PairPings {

    private final Map<String, ClientSample> lastByPod = new HashMap<>();
    private Instant observingSince;
    private Instant lastPongTime;
    private ObservedPings figures;

    /** Takes the reads of one interval (one per client pod; none when there is no pod to read) and concludes. */
    PingsObservation record(List<PodScrape> scrapes, Duration unhealthyAfter, Instant now) {
        List<PodScrape.Read> reads = scrapes.stream().filter(PodScrape.Read.class::isInstance)
                .map(PodScrape.Read.class::cast).toList();
        if (!reads.isEmpty()) {
            count(reads, now);
        }
        lastByPod.keySet().retainAll(scrapes.stream().map(PodScrape::pod).collect(Collectors.toSet()));
        if (scrapes.isEmpty()) {
            return unknown(PingsObservation.NO_CLIENT_PODS, "no running client pod with an IP to read /metrics from");
        }
        if (reads.isEmpty()) {
            PodScrape.Failed first = (PodScrape.Failed) scrapes.get(0);
            return unknown(PingsObservation.SCRAPE_FAILED, "could not read /metrics of " + scrapes.size()
                    + " client pod(s); pod " + first.pod() + ": " + first.error());
        }
        String interval = figures.getPings() + " pings, " + figures.getPongs() + " pongs, " + figures.getLost()
                + " lost in the interval before " + figures.getScrapedTime();
        if (lastPongTime != null && now.isBefore(lastPongTime.plus(unhealthyAfter))) {
            return new PingsObservation(figures, Conditions.TRUE, PingsObservation.PONGS_ARRIVING, interval, null);
        }
        Instant since = lastPongTime != null ? lastPongTime : observingSince;
        if (now.isBefore(since.plus(unhealthyAfter))) {
            return new PingsObservation(figures, Conditions.UNKNOWN, PingsObservation.MEASURING, "first read at "
                    + Conditions.timestamp(observingSince) + "; pongs are expected within unhealthyAfter ("
                    + GoDurations.format(unhealthyAfter) + "): " + interval, null);
        }
        return new PingsObservation(figures, Conditions.FALSE, PingsObservation.NO_PONGS, "no pong "
                + (lastPongTime == null ? "seen since the first read at " : "since ") + Conditions.timestamp(since)
                + ", for at least unhealthyAfter (" + GoDurations.format(unhealthyAfter) + "): " + interval, since);
    }

    private void count(List<PodScrape.Read> reads, Instant now) {
        boolean baseline = observingSince == null;
        long pings = 0;
        long pongs = 0;
        long lost = 0;
        long reconnects = 0;
        for (PodScrape.Read read : reads) {
            ClientSample sample = read.sample();
            ClientSample last = lastByPod.put(read.pod(), sample);
            if (!baseline) {
                pings += delta(last == null ? 0 : last.pings(), sample.pings());
                pongs += delta(last == null ? 0 : last.pongs(), sample.pongs());
                lost += delta(last == null ? 0 : last.lost(), sample.lost());
            }
            reconnects += sample.reconnects();
        }
        if (baseline) {
            observingSince = now;
        }
        if (pongs > 0) {
            lastPongTime = now;
        }
        ObservedPings observed = new ObservedPings();
        observed.setRttP50(Figures.rtt(slowest(reads, ClientSample::rttP50)));
        observed.setRttP99(Figures.rtt(slowest(reads, ClientSample::rttP99)));
        observed.setPings(pings);
        observed.setPongs(pongs);
        observed.setLost(lost);
        observed.setLoss(Figures.loss(lost, pings));
        observed.setReconnects(reconnects);
        observed.setPods(reads.size());
        observed.setLastPongTime(lastPongTime == null ? null : Conditions.timestamp(lastPongTime));
        observed.setScrapedTime(Conditions.timestamp(now));
        figures = observed;
    }

    /** What a counter gained since {@code last}; a lower value means it restarted from zero. */
    static long delta(long last, long now) {
        return now >= last ? now - last : now;
    }

    private static Duration slowest(List<PodScrape.Read> reads, java.util.function.Function<ClientSample, Duration> rtt) {
        return reads.stream().map(read -> rtt.apply(read.sample())).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    /** Unknown, keeping the figures of the last successful read (their scrapedTime tells how old they are). */
    private PingsObservation unknown(String reason, String message) {
        return new PingsObservation(figures, Conditions.UNKNOWN, reason, message, null);
    }
}
