package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a stream into whole protocol v1 frames: all the whole frames a read completes come out together as one
 * retained slice of what was received (no copy), so they are answered with one write. The
 * unfinished frame it keeps meanwhile sits outside QUIC flow control, so it is declared to the library, which resets
 * the stream when that would pass a bound on held bytes. After the first bad frame it swallows the rest of the
 * stream: the stream is being reset.
 */
final class FrameSplitter extends ByteToMessageDecoder {

    private final WebTransportStream stream;
    private boolean failed;
    private boolean finReceived;

    FrameSplitter(WebTransportStream stream) {
        this.stream = stream;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int start = in.readerIndex();
        try {
            int length;
            while ((length = Frames.completeFrameLength(in)) > 0) {
                in.skipBytes(length);
            }
        } catch (ProtocolException e) {
            // The whole frames before the bad one are still answered.
            passOn(in, start, out);
            fail(in, e);
        }
        passOn(in, start, out);
        if (!stream.holdReceivedBytes(in.readableBytes())) {
            failed = true;
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            finReceived = true;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Only a FIN makes a frame truncated: a stream that ends because its peer went away or reset it is no bad input. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (!failed && finReceived && in.isReadable()) {
            fail(in, new ProtocolException(BadInput.TRUNCATED_FRAME,
                    "stream ended " + in.readableBytes() + " bytes into a frame"));
        }
    }

    /** The whole frames between {@code start} and the reader index, as one retained slice. */
    private static void passOn(ByteBuf in, int start, List<Object> out) {
        if (in.readerIndex() > start) {
            out.add(in.retainedSlice(start, in.readerIndex() - start));
        }
    }

    private void fail(ByteBuf in, ProtocolException e) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw e;
    }
}
