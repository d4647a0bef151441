package dev.pingpong.client;

import java.io.PrintStream;

/**
 * {@code --json}: one object per line, the objects of the interface contract with the session number added to
 * lost and reconnect records (as pongs have it), so that with {@code --sessions N} each session's seqs can be
 * checked. Every value is a number or a fixed word, so no escaping is needed. RTT statistics are null when no
 * pong arrived.
 */
final class JsonReport implements Report {

    private final PrintStream out;

    JsonReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void pong(int session, long seq, long rttNanos) {
        out.println("{\"type\":\"pong\",\"seq\":" + seq + ",\"rtt_ms\":" + Millis.format(rttNanos)
                + ",\"session\":" + session + "}");
    }

    @Override
    public void lost(int session, long seq, String reason) {
        out.println("{\"type\":\"lost\",\"seq\":" + seq + ",\"reason\":\"" + reason + "\",\"session\":" + session + "}");
    }

    @Override
    public void reconnect(int session, int attempt, long afterMillis) {
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
                + ",\"max\":" + millis(rtt == null ? null : rtt.maxNanos()) + "}}");
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
