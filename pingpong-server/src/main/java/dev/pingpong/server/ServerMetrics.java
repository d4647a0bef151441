package dev.pingpong.server;

import dev.pingpong.app.Counter;
import dev.pingpong.app.JvmMetrics;
import dev.pingpong.app.LabeledCounter;
import dev.pingpong.app.Metrics;
import dev.pingpong.protocol.BadInput;

/** The server's own counters, registered once; the hot path only bumps them. */
final class ServerMetrics {

    /** How a PING arrived, as the {@code mode} label. */
    enum Mode {
        STREAM("stream"), TEXT("text"), DATAGRAM("datagram");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    final Metrics registry = new Metrics();
    final Counter sessionsAccepted = registry.counter("pingpong_sessions_accepted_total", "WebTransport sessions accepted.");
    final LabeledCounter sessionsRefused = registry.counter("pingpong_sessions_refused_total",
            "Session requests refused by the server's own policy, by reason.", "reason");
    final Counter streams = registry.counter("pingpong_streams_total", "Peer-opened streams handled.");
    private final LabeledCounter pings = registry.counter("pingpong_pings_total", "PINGs received, by mode.", "mode");
    private final LabeledCounter pongs = registry.counter("pingpong_pongs_total", "PONGs handed to the transport, by mode.", "mode");
    private final Counter[] pingsByMode = new Counter[Mode.values().length];
    private final Counter[] pongsByMode = new Counter[Mode.values().length];
    final Counter streamPauses = registry.counter("pingpong_stream_pauses_total",
            "Times a stream stopped reading because its peer did not read the pongs (back-pressure).");
    final Counter datagramsReceived = registry.counter("pingpong_datagrams_received_total", "Datagrams received.");
    final Counter datagramSendFailures = registry.counter("pingpong_datagram_send_failures_total",
            "PONG datagrams that could not be sent (queue full, session gone).");
    private final LabeledCounter badInput = registry.counter("pingpong_bad_input_total",
            "Bad input by kind: streams reset, datagrams dropped.", "kind");
    final Counter certificateReloads = registry.counter("pingpong_certificate_reloads_total",
            "Certificates reloaded from --cert/--key.");

    ServerMetrics() {
        for (Mode mode : Mode.values()) {
            pingsByMode[mode.ordinal()] = pings.labels(mode.label);
            pongsByMode[mode.ordinal()] = pongs.labels(mode.label);
        }
        for (BadInput kind : BadInput.values()) {
            badInput.labels(kind.label());
        }
    }

    Counter pings(Mode mode) {
        return pingsByMode[mode.ordinal()];
    }

    Counter pongs(Mode mode) {
        return pongsByMode[mode.ordinal()];
    }

    /** PINGs received and their PONGs handed to the stream in one go (a stream write cannot be dropped). */
    void answered(Mode mode, long count) {
        pings(mode).add(count);
        pongs(mode).add(count);
    }

    Counter badInput(BadInput kind) {
        return badInput.labels(kind.label());
    }

    void registerJvm() {
        registry.register(new JvmMetrics());
    }
}
