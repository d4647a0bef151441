package dev.pingpong.client.bench;

import dev.pingpong.client.bench.BenchResults.Flood;
import dev.pingpong.client.bench.BenchResults.Handshakes;
import dev.pingpong.client.bench.BenchResults.Latency;
import dev.pingpong.client.bench.BenchResults.Load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a bench run into docs/performance.md, replacing what lies between its {@code bench:begin} and
 * {@code bench:end} markers (the rest of the page is written by hand), and draws the chart beside it.
 */
final class PerformanceDoc {

    static final String BEGIN = "<!-- bench:begin (written by make bench) -->";
    static final String END = "<!-- bench:end -->";

    private PerformanceDoc() {
    }

    static void write(BenchResults results, Path markdown, Path chart) throws IOException {
        Files.createDirectories(markdown.getParent());
        String page = Files.exists(markdown) ? Files.readString(markdown) : "# Performance\n\n" + BEGIN + "\n" + END + "\n";
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(markdown + " has no bench markers");
        }
        String tables = tables(results, chart.getFileName().toString());
        Files.writeString(markdown, page.substring(0, begin + BEGIN.length()) + "\n" + tables + page.substring(end));
        Files.writeString(chart, BenchChart.svg(results));
    }

    private static String tables(BenchResults r, String chartFile) {
        StringBuilder md = new StringBuilder();
        BenchSizes s = r.sizes;
        line(md, "Run of %s UTC, load average %s at the start and %s at the end (2 cores, shared with other builds: "
                + "absolute times are noise, ratios to the same run's UDP echo are what carries over).", r.startedAt,
                r.loadBefore, r.loadAfter);
        line(md, "");
        line(md, "![RTT by transport, and p99 against sessions](%s)", chartFile);
        line(md, "");
        line(md, "### Sequential round trip, every process pinned to core 0, %,d pings after %,d warm-up", s.pings(), s.warmupPings());
        line(md, "");
        line(md, "| run | p50 | p99 | p50, x UDP |");
        line(md, "|---|---|---|---|");
        for (Latency l : List.of(r.udp, r.webSocket, r.flupke, r.stream, r.datagram)) {
            line(md, "| %s | %s | %s | %.1f |", l.name(), ms(l.p50()), ms(l.p99()), r.timesUdp(l));
        }
        line(md, "");
        line(md, "UDP runs (p50): %s.", r.udpRuns.stream().map(PerformanceDoc::ms).toList());
        line(md, "");
        line(md, "### Cold start and across cores");
        line(md, "");
        line(md, "| run | p50 | p99 | against | ratio |");
        line(md, "|---|---|---|---|---|");
        line(md, "| ours, stream: first %,d pings of a fresh client | %s | %s | warm stream p50 | %.2f |", s.coldPings(),
                ms(r.coldStream.p50()), ms(r.coldStream.p99()), r.coldStream.p50() / r.stream.p50());
        line(md, "| ours, datagram: first %,d pings of a fresh client | %s | %s | warm datagram p50 | %.2f |", s.coldPings(),
                ms(r.coldDatagram.p50()), ms(r.coldDatagram.p99()), r.coldDatagram.p50() / r.datagram.p50());
        line(md, "| UDP echo, server core 0, client core 1 | %s | %s | pinned UDP p50 | %.2f |", ms(r.udpCrossCore.p50()),
                ms(r.udpCrossCore.p99()), r.udpCrossCore.p50() / r.udp.p50());
        line(md, "| ours, stream, server core 0, client core 1 | %s | %s | UDP across cores | %.2f |",
                ms(r.streamCrossCore.p50()), ms(r.streamCrossCore.p99()), r.streamCrossCore.p50() / r.udpCrossCore.p50());
        line(md, "");
        line(md, "### CPU time per 1,000 pings (pinned runs; the client's is the difference between the warm and the cold run)");
        line(md, "");
        line(md, "| mode | server | client | UDP round trip p50 x 1,000 |");
        line(md, "|---|---|---|---|");
        line(md, "| stream | %.1f ms | %.1f ms | %.1f ms |", r.serverCpuStreamMs, r.clientCpuStreamMs, r.udp.p50() * 1000);
        line(md, "| datagram | %.1f ms | %.1f ms | %.1f ms |", r.serverCpuDatagramMs, r.clientCpuDatagramMs, r.udp.p50() * 1000);
        line(md, "");
        line(md, "### One session, window 64 (unpinned; stream %,d pings, datagram %,d)", s.windowStreamPings(), s.windowDatagramPings());
        line(md, "");
        line(md, "| server loops | mode | settled pings/s | lost |");
        line(md, "|---|---|---|---|");
        for (Flood f : r.floods) {
            line(md, "| %d | %s | %,.0f | %d |", f.loops(), f.mode(), f.perSecond(), f.lost());
        }
        line(md, "");
        line(md, "### Many sessions at 1 ping/s for %d s (unpinned; connects ramped at 500/s per client process at most; "
                + "the ramp ends when every session has answered once, p99 over the pongs after it)", s.loadSeconds());
        line(md, "");
        line(md, "| sessions | client processes | server loops | sent | lost | ramp | p99 after ramp | max after ramp | server RSS peak | client exits |");
        line(md, "|---|---|---|---|---|---|---|---|---|---|");
        for (Load l : r.loads) {
            line(md, "| %,d | %d | %d | %,d | %,d | %s | %s | %s | %d MiB | %s |", l.sessions(), l.clients(), l.loops(), l.sent(),
                    l.lost(), Double.isNaN(l.rampSeconds()) ? "never ended" : String.format(Locale.ROOT, "%.1f s", l.rampSeconds()),
                    ms(l.p99AfterRamp()), ms(l.maxAfterRamp()), l.serverRssMib(), l.exits());
        }
        line(md, "");
        line(md, "### New sessions per second (server on core 0, one loop; client on core 1, 32 attempts in flight, "
                + "counted for %d s after %d s of warm-up)", s.handshakeSeconds(), s.handshakeWarmupSeconds());
        line(md, "");
        line(md, "| what | per second | server CPU each | client CPU each |");
        line(md, "|---|---|---|---|");
        handshakes(md, "WebTransport sessions accepted (QUIC handshake, SETTINGS, CONNECT, 200)", r.sessions);
        handshakes(md, "bare QUIC handshakes, Netty server with the same transport parameters and certificate",
                r.quicHandshakes);
        line(md, "");
        targets(md, r);
        return md.toString();
    }

    private static void targets(StringBuilder md, BenchResults r) {
        line(md, "### Targets");
        line(md, "");
        line(md, "| target | this run | met |");
        line(md, "|---|---|---|");
        target(md, "sequential stream p50 <= 4x UDP", String.format(Locale.ROOT, "%.1fx", r.timesUdp(r.stream)), r.timesUdp(r.stream) <= 4);
        target(md, "sequential datagram p50 <= 4x UDP", String.format(Locale.ROOT, "%.1fx", r.timesUdp(r.datagram)), r.timesUdp(r.datagram) <= 4);
        double cold = r.coldStream.p50() / r.stream.p50();
        target(md, "cold client (first pings) <= 1.5x warm p50, stream", String.format(Locale.ROOT, "%.2fx", cold), cold <= 1.5);
        for (Flood f : r.floods) {
            double goal = f.mode().equals("stream") ? 300_000 : 150_000;
            target(md, String.format(Locale.ROOT, "window 64 %s >= %,.0f/s (%d loop%s)", f.mode(), goal, f.loops(), f.loops() == 1 ? "" : "s"),
                    String.format(Locale.ROOT, "%,.0f/s", f.perSecond()), f.perSecond() >= goal);
        }
        List<Load> many = new ArrayList<>(r.loads.stream().filter(l -> l.clients() > 1).toList());
        for (Load l : many) {
            target(md, String.format(Locale.ROOT, "%,d sessions, %d loop%s: every ping answered", l.sessions(), l.loops(), l.loops() == 1 ? "" : "s"),
                    l.lost() + " lost", l.lost() == 0);
            target(md, String.format(Locale.ROOT, "%,d sessions, %d loop%s: p99 after ramp <= 10 ms", l.sessions(), l.loops(), l.loops() == 1 ? "" : "s"),
                    ms(l.p99AfterRamp()), l.p99AfterRamp() <= 10);
            target(md, String.format(Locale.ROOT, "%,d sessions, %d loop%s: server RSS <= 512 MiB", l.sessions(), l.loops(), l.loops() == 1 ? "" : "s"),
                    l.serverRssMib() + " MiB", l.serverRssMib() <= 512);
        }
        target(md, ">= 2,000 new sessions/s", String.format(Locale.ROOT, "%,.0f/s", r.sessions.perSecond()),
                r.sessions.perSecond() >= 2000);
    }

    private static void handshakes(StringBuilder md, String what, Handshakes h) {
        line(md, "| %s | %,.0f | %.3f ms | %.3f ms |", what, h.perSecond(), h.serverCpuMs(), h.clientCpuMs());
    }

    private static void target(StringBuilder md, String what, String figure, boolean met) {
        line(md, "| %s | %s | %s |", what, figure, met ? "yes" : "**no**");
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, millis < 1 ? "%.4f ms" : "%.1f ms", millis);
    }

    private static void line(StringBuilder md, String format, Object... values) {
        md.append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
