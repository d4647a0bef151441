package dev.pingpong.server;

import dev.pingpong.protocol.BadInput;
import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a stream into whole protocol v1 frames, each a retained slice of what was received (no copy).
 * After the first bad frame it swallows the rest of the stream: the stream is being reset.
 */
final class FrameSplitter extends ByteToMessageDecoder {

    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            int length;
            while ((length = Frames.completeFrameLength(in)) > 0) {
                out.add(in.readRetainedSlice(length));
            }
        } catch (ProtocolException e) {
            fail(in, e);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            fail(in, new ProtocolException(BadInput.TRUNCATED_FRAME,
                    "stream ended " + in.readableBytes() + " bytes into a frame"));
        }
    }

    private void fail(ByteBuf in, ProtocolException e) {
        failed = true;
        in.skipBytes(in.readableBytes());
        throw e;
    }
}
