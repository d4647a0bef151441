package dev.pingpong.client;

import java.io.PrintStream;
import java.util.Locale;

/** Output in the manner of ping(8). The session number is shown only when there are several sessions. */
final class HumanReport implements Report {

    private final PrintStream out;
    private final boolean showSession;
    private final boolean quiet;

    HumanReport(PrintStream out, boolean showSession, boolean quiet) {
        this.out = out;
        this.showSession = showSession;
        this.quiet = quiet;
    }

    @Override
    public void pong(int session, long seq, long rttNanos) {
        if (!quiet) {
            out.println("pong seq=" + seq + " rtt=" + Millis.format(rttNanos) + " ms" + sessionSuffix(session));
        }
    }

    @Override
    public void lost(int session, long seq, String reason) {
        if (!quiet) {
            out.println("lost seq=" + seq + " reason=" + reason + sessionSuffix(session));
        }
    }

    @Override
    public void reconnect(int session, int attempt, long afterMillis) {
        if (!quiet) {
            out.println("reconnect attempt=" + attempt + " after=" + afterMillis + " ms" + sessionSuffix(session));
        }
    }

    @Override
    public void summary(String target, Summary summary) {
        out.println();
        out.println("--- " + target + " ping statistics ---");
        out.println(String.format(Locale.ROOT, "%d sent, %d received, %d lost (%.1f%% loss), %d reconnects",
                summary.sent(), summary.received(), summary.lost(), summary.lossPercent(), summary.reconnects()));
        Summary.Rtt rtt = summary.rtt();
        if (rtt != null) {
            out.println("rtt min/avg/p50/p99/max = " + Millis.format(rtt.minNanos()) + "/" + Millis.format(rtt.avgNanos())
                    + "/" + Millis.format(rtt.p50Nanos()) + "/" + Millis.format(rtt.p99Nanos()) + "/"
                    + Millis.format(rtt.maxNanos()) + " ms");
        }
        out.println(String.format(Locale.ROOT, "%d settled in %.3f s, %.1f pings/s", summary.received() + summary.lost(),
                summary.elapsedNanos() / 1e9, summary.settledPerSecond()));
        out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    private String sessionSuffix(int session) {
        return showSession ? " session=" + session : "";
    }
}
