package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.webtransport.WebTransportStream;

import java.util.List;

/**
 * Builds the pipeline of a ping stream: mode detector, then (once the first byte is in) either
 * frame splitter and frame answerer or text answerer, then pong writer and stream ender.
 */
final class PingStreams {

    private final ServerMetrics metrics;
    private final BadInputReporter reporter;

    PingStreams(ServerMetrics metrics, BadInputReporter reporter) {
        this.metrics = metrics;
        this.reporter = reporter;
    }

    /** Takes over a peer-opened stream: bidirectional ones play ping-pong, the rest are refused. */
    void serve(WebTransportStream stream) {
        metrics.streams.increment();
        if (!stream.isBidirectional()) {
            reporter.refuseStream(stream, BadInput.UNSUPPORTED_STREAM);
            return;
        }
        stream.channel().pipeline()
                .addLast("pingpong-mode", new StreamModeDetector(
                        () -> List.of(new FrameSplitter(stream), new FrameAnswerer(metrics)),
                        () -> List.of(new TextAnswerer(metrics))))
                .addLast("pingpong-writer", new PongWriter(metrics))
                .addLast("pingpong-end", new StreamEnder(stream, reporter));
    }
}
