package dev.pingpong.client;

import dev.pingpong.app.JvmMetrics;
import dev.pingpong.app.Metrics;
import dev.pingpong.app.MetricsWriter;

/** The client's {@code /metrics}: its counters and RTT percentiles, read from {@link PingTotals} at scrape time. */
final class ClientMetrics {

    private ClientMetrics() {
    }

    static Metrics of(PingTotals stats) {
        Metrics metrics = new Metrics();
        metrics.register(new JvmMetrics());
        metrics.register(out -> write(stats.summary(), out));
        return metrics;
    }

    private static void write(Summary summary, MetricsWriter out) {
        out.counter("pingpong_client_pings_sent_total", "PINGs sent.", summary.sent());
        out.counter("pingpong_client_pongs_received_total", "PONGs received in time.", summary.received());
        out.counter("pingpong_client_pings_lost_total", "PINGs without a PONG (timeout or disconnect).", summary.lost());
        out.counter("pingpong_client_reconnects_total", "Sessions re-established after a loss or drain.", summary.reconnects());
        Summary.Rtt rtt = summary.rtt();
        if (rtt != null) {
            out.family("pingpong_client_rtt_seconds", "gauge", "Round-trip time over the whole run, by quantile.")
                    .sample("pingpong_client_rtt_seconds", "quantile", "0.5", rtt.p50Nanos() / 1e9)
                    .sample("pingpong_client_rtt_seconds", "quantile", "0.99", rtt.p99Nanos() / 1e9);
        }
    }
}
