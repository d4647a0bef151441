package dev.pingpong.client;

import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Stream mode: PINGs written back to back on one bidirectional stream, PONGs read back in order from it. The PINGs
 * written between two flushes share one buffer and go out in one write; a flush asked for while PONGs are being read
 * (the window refilling as each PONG settles) waits for the end of the read, so one read costs one write and one flush.
 */
final class StreamTransport implements PingTransport {

    private final WebTransportStream stream;
    private final Channel channel;
    private final PingPayload payload;
    /** PINGs written since the last flush, or null. */
    private ByteBuf pending;
    private boolean reading;
    private boolean flushOwed;

    StreamTransport(WebTransportStream stream, PingPayload payload, PongSink sink) {
        this.stream = stream;
        this.channel = stream.channel();
        this.payload = payload;
        channel.pipeline().addLast("pong-reader", new PongReader(payload, sink));
    }

    @Override
    public void write(long seq, long timestampNanos) {
        if (pending == null) {
            pending = channel.alloc().ioBuffer(Frames.frameLength(payload.size()));
        }
        payload.writePing(pending, seq, timestampNanos);
    }

    @Override
    public void flush() {
        if (reading) {
            flushOwed = true;
            return;
        }
        flushOwed = false;
        if (pending != null) {
            channel.write(pending, channel.voidPromise());
            pending = null;
        }
        channel.flush();
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (channel.isActive()) {
            stream.finish();
        }
    }

    /** Splits the stream into frames and hands each PONG's seq to the sink; flushes what the PONGs let out once the read ends. */
    final class PongReader extends ByteToMessageDecoder {
        private final PingPayload payload;
        private final PongSink sink;
        private boolean broken;

        PongReader(PingPayload payload, PongSink sink) {
            this.payload = payload;
            this.sink = sink;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            reading = true;
            super.channelRead(ctx, msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
            reading = false;
            if (flushOwed) {
                flush();
            }
            super.channelReadComplete(ctx);
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
