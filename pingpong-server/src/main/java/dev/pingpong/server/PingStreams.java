package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.channel.ChannelPipeline;

/**
 * Builds the pipeline of a ping stream: mode detector, then (once the first byte is in) either
 * frame splitter and frame answerer or text answerer, then pong writer and stream ender.
 */
final class PingStreams {

    private static final String DETECTOR = "pingpong-mode";
    private static final String WRITER = "pingpong-writer";

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
            reporter.streamRefused(stream, BadInput.UNSUPPORTED_STREAM);
            stream.stopSending(BadInput.UNSUPPORTED_STREAM.applicationErrorCode())
                    .addListener(stopped -> stream.channel().close());
            return;
        }
        stream.channel().pipeline()
                .addLast(DETECTOR, new StreamModeDetector(this))
                .addLast(WRITER, new PongWriter(metrics))
                .addLast("pingpong-end", new StreamEnder(stream, reporter));
    }

    void installAnswerer(ChannelPipeline pipeline, boolean text) {
        if (text) {
            pipeline.addBefore(WRITER, "pingpong-text", new TextAnswerer(metrics));
        } else {
            pipeline.addBefore(WRITER, "pingpong-frames", new FrameSplitter())
                    .addBefore(WRITER, "pingpong-answer", new FrameAnswerer(metrics));
        }
    }
}
