package dev.pingpong.client.bench;

import java.util.ArrayList;
import java.util.List;

/** What one {@code make bench} run measured, filled in as the runs finish; absent figures stay NaN or empty. */
final class BenchResults {

    /** p50 and p99 of one sequential run, in milliseconds. */
    record Latency(String name, double p50, double p99) {
        static final Latency NONE = new Latency("", Double.NaN, Double.NaN);
    }

    /** One window-64 flood: settled pings per second and pings lost. */
    record Flood(int loops, String mode, long pings, double perSecond, long lost) {
    }

    /** One many-sessions run at 1 ping/s; the ramp ended when every session had answered once (NaN: some never did). */
    record Load(int sessions, int clients, int loops, long sent, long lost, double rampSeconds, double p99AfterRamp,
                double maxAfterRamp, long serverRssMib, String exits) {
    }

    /** New sessions (or bare handshakes) per second, and the CPU time each cost the server and the client. */
    record Handshakes(double perSecond, double serverCpuMs, double clientCpuMs) {
        static final Handshakes NONE = new Handshakes(Double.NaN, Double.NaN, Double.NaN);
    }

    final BenchSizes sizes;
    String startedAt;
    String loadBefore;
    String loadAfter;
    Latency udp = Latency.NONE;
    final List<Double> udpRuns = new ArrayList<>();
    Latency udpCrossCore = Latency.NONE;
    Latency webSocket = Latency.NONE;
    Latency flupke = Latency.NONE;
    Latency stream = Latency.NONE;
    Latency datagram = Latency.NONE;
    Latency streamCrossCore = Latency.NONE;
    Latency coldStream = Latency.NONE;
    Latency coldDatagram = Latency.NONE;
    double serverCpuStreamMs = Double.NaN;
    double serverCpuDatagramMs = Double.NaN;
    double clientCpuStreamMs = Double.NaN;
    double clientCpuDatagramMs = Double.NaN;
    final List<Flood> floods = new ArrayList<>();
    final List<Load> loads = new ArrayList<>();
    Handshakes sessions = Handshakes.NONE;
    Handshakes quicHandshakes = Handshakes.NONE;

    BenchResults(BenchSizes sizes) {
        this.sizes = sizes;
    }

    double timesUdp(Latency latency) {
        return latency.p50() / udp.p50();
    }
}
