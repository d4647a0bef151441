package dev.pingpong.client;

import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/** Stream mode: PINGs written back to back on one bidirectional stream, PONGs read back in order from it. */
final class StreamTransport implements PingTransport {

    private final WebTransportStream stream;
    private final Channel channel;
    private final PingPayload payload;

    StreamTransport(WebTransportStream stream, PingPayload payload, PongSink sink) {
        this.stream = stream;
        this.channel = stream.channel();
        this.payload = payload;
        channel.pipeline().addLast("pong-reader", new PongReader(payload, sink));
    }

    @Override
    public void write(long seq, long timestampNanos) {
        channel.write(payload.ping(channel.alloc(), seq, timestampNanos), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            stream.finish();
        }
    }

    /** Splits the stream into frames and hands each PONG's seq to the sink. */
    static final class PongReader extends ByteToMessageDecoder {
        private final PingPayload payload;
        private final PongSink sink;
        private boolean broken;

        PongReader(PingPayload payload, PongSink sink) {
            this.payload = payload;
            this.sink = sink;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (broken) {
                in.skipBytes(in.readableBytes());
                return;
            }
            long now = System.nanoTime();
            try {
                int length;
                while ((length = Frames.completeFrameLength(in)) > 0) {
                    if (Frames.type(in) != Frames.PONG || !payload.matches(in)) {
                        fail("server sent a frame that is not a PONG of our payload size");
                        return;
                    }
                    sink.pong(Frames.seq(in), now);
                    in.skipBytes(length);
                }
            } catch (ProtocolException e) {
                fail("server broke the protocol: " + e.getMessage());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            fail("stream closed by the server");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail("stream failed: " + cause.getMessage());
        }

        private void fail(String reason) {
            if (!broken) {
                broken = true;
                sink.broken(reason);
            }
        }
    }
}
