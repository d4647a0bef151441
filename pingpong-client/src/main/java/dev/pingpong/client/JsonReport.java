package dev.pingpong.client;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code --json}: one object per line, the objects of the interface contract with the session number added to
 * lost and reconnect records (as pongs have it), so that with {@code --sessions N} each session's seqs can be
 * checked. Every value is a number or a fixed word, so no escaping is needed. RTT statistics are null when no
 * pong arrived. Lines go to a buffered stream that the run flushes periodically, so a flood is not held up by a
 * write per pong.
 */
final class JsonReport implements Report {

    private final PrintStream out;
    private final boolean quiet;

    /** With {@code quiet}, only the summary line. */
    JsonReport(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public void pong(int session, long seq, long rttNanos) {
        if (quiet) {
            return;
        }
        out.println("{\"type\":\"pong\",\"seq\":" + seq + ",\"rtt_ms\":" + Millis.format(rttNanos)
                + ",\"session\":" + session + "}");
    }

    @Override
    public void lost(int session, long seq, String reason) {
        if (quiet) {
            return;
        }
        out.println("{\"type\":\"lost\",\"seq\":" + seq + ",\"reason\":\"" + reason + "\",\"session\":" + session + "}");
    }

    @Override
    public void reconnect(int session, int attempt, long afterMillis) {
        if (quiet) {
            return;
        }
        out.println("{\"type\":\"reconnect\",\"attempt\":" + attempt + ",\"after_ms\":" + afterMillis + ",\"session\":" + session + "}");
    }

    @Override
    public void summary(String target, Summary summary) {
        Summary.Rtt rtt = summary.rtt();
        out.println("{\"type\":\"summary\",\"sent\":" + summary.sent() + ",\"received\":" + summary.received()
                + ",\"lost\":" + summary.lost() + ",\"reconnects\":" + summary.reconnects() + ",\"rtt_ms\":{"
                + "\"min\":" + millis(rtt == null ? null : rtt.minNanos())
                + ",\"avg\":" + millis(rtt == null ? null : rtt.avgNanos())
                + ",\"p50\":" + millis(rtt == null ? null : rtt.p50Nanos())
                + ",\"p99\":" + millis(rtt == null ? null : rtt.p99Nanos())
                + ",\"max\":" + millis(rtt == null ? null : rtt.maxNanos()) + "}"
                + ",\"elapsed_ms\":" + Millis.format(summary.elapsedNanos())
                + ",\"settled_per_s\":" + String.format(Locale.ROOT, "%.1f", summary.settledPerSecond()) + "}");
        out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    private static String millis(Long nanos) {
        return nanos == null ? "null" : Millis.format(nanos);
    }
}
