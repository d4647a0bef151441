package dev.pingpong.client.bench;

import dev.pingpong.client.bench.BenchResults.Latency;
import dev.pingpong.client.bench.BenchResults.Load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chart of a bench run as SVG: on the left the sequential p50 and p99 by transport, on the right the p99 after
 * the ramp against sessions and server loops. Both on a log scale of milliseconds, since they span four decades.
 */
final class BenchChart {

    private static final int PANEL_WIDTH = 470;
    private static final int LABEL_WIDTH = 170;
    private static final int ROW_HEIGHT = 34;
    private static final int TOP = 50;
    private static final double MIN_MS = 0.005;
    private static final String P50 = "#2b6cb0";
    private static final String P99 = "#90cdf4";

    /** One bar pair: a label, a dark (p50 or single) and a light (p99) value; NaN draws nothing. */
    private record Row(String label, double dark, double light) {
    }

    private BenchChart() {
    }

    static String svg(BenchResults r) {
        List<Row> latency = new ArrayList<>();
        for (Latency l : List.of(r.udp, r.webSocket, r.flupke, r.stream, r.datagram, r.coldStream, r.coldDatagram)) {
            latency.add(new Row(shortName(l.name()), l.p50(), l.p99()));
        }
        List<Row> load = new ArrayList<>();
        for (Load l : r.loads) {
            load.add(new Row(String.format(Locale.ROOT, "%,d sessions, %d loop%s", l.sessions(), l.loops(), l.loops() == 1 ? "" : "s"),
                    l.p99AfterRamp(), Double.NaN));
        }
        int rows = Math.max(latency.size(), load.size());
        int height = TOP + rows * ROW_HEIGHT + 50;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", 2 * PANEL_WIDTH + 20, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, 0, "Sequential RTT, pinned (dark p50, light p99)", latency, height);
        panel(svg, PANEL_WIDTH + 20, "p99 after the ramp, 1 ping/s per session", load, height);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String shortName(String name) {
        return name.replace(" (best p50 of 3)", "").replace(", two processes", "").replace(" (Netty)", "");
    }

    private static void panel(StringBuilder svg, int x0, String title, List<Row> rows, int height) {
        double max = rows.stream().mapToDouble(r -> Math.max(nan0(r.dark()), nan0(r.light()))).max().orElse(1);
        double maxDecade = Math.pow(10, Math.ceil(Math.log10(Math.max(max, MIN_MS * 10))));
        int plotLeft = x0 + LABEL_WIDTH;
        int plotWidth = PANEL_WIDTH - LABEL_WIDTH - 10;
        svg.append(text(x0 + 5, 20, title, "bold"));
        int axisY = TOP + rows.size() * ROW_HEIGHT + 5;
        for (double tick = MIN_MS * 2; tick <= maxDecade * 1.001; tick *= 10) {
            double x = scale(tick, maxDecade, plotLeft, plotWidth);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP - 10, x, axisY));
            svg.append(text(x - 12, axisY + 16, label(tick), null));
        }
        svg.append(text(plotLeft + plotWidth / 2.0 - 40, Math.min(height - 8, axisY + 34), "milliseconds (log)", null));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int y = TOP + i * ROW_HEIGHT;
            svg.append(text(x0 + 5, y + 15, row.label(), null));
            bar(svg, row.light(), maxDecade, plotLeft, plotWidth, y, P99);
            bar(svg, row.dark(), maxDecade, plotLeft, plotWidth, y + (Double.isNaN(row.light()) ? 0 : 6), P50);
        }
    }

    private static void bar(StringBuilder svg, double ms, double maxDecade, int left, int width, int y, String color) {
        if (Double.isNaN(ms)) {
            return;
        }
        double end = scale(Math.max(ms, MIN_MS), maxDecade, left, width);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
                left, y + 2, Math.max(1, end - left), 14, color, PerformanceDoc.ms(ms)));
        svg.append(text(end + 3, y + 14, PerformanceDoc.ms(ms), null));
    }

    private static double scale(double ms, double maxDecade, int left, int width) {
        return left + width * Math.log10(ms / MIN_MS) / Math.log10(maxDecade * 1.6 / MIN_MS);
    }

    private static String label(double ms) {
        return ms >= 1 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%s", ms).replaceAll("0+$", "");
    }

    private static double nan0(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static String text(double x, double y, String text, String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, y,
                weight == null ? "" : " font-weight=\"" + weight + "\"", text.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
