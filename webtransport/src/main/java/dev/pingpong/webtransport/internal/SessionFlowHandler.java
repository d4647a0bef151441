package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.SessionCreditEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.ReferenceCountUtil;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * Session flow control on one WebTransport stream, behind its header. Inbound, every stream body byte counts against
 * the credit we granted the session's peer as it arrives, and counts as consumed once a read burst has taken it
 * through the application's handlers (so the limit stays put while one burst is checked against it). Outbound, a write goes on only as far as the peer's session credit
 * reaches; the rest waits here, in order (a FIN included), until a WT_MAX_DATA raises the credit, and only then does
 * its future complete. What waits is bounded: a write that would pass {@code maxBlockedSendBytesPerStream} fails the
 * stream, not just itself, since the writes around it would leave a hole in the byte stream: what waits and every
 * later write fail with the same cause, and the stream is aborted both ways with H3_INTERNAL_ERROR. The endpoint's
 * {@code blocked_send_bytes} gauge shows what waits. The handlers behind this one learn when writes start and stop
 * waiting through {@link SessionCreditEvent}, so they can stop reading as on unwritability.
 */
final class SessionFlowHandler extends ChannelDuplexHandler {

    private record PendingWrite(Object msg, ChannelPromise promise) {
    }

    private final Session session;
    private final SessionFlowControl flow;
    private final BoundedCount blockedGauge;
    private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long unconsumed;
    private ChannelHandlerContext ctx;
    /** Whether the peer's FIN arrived: a receiving stream that closes without it was cut short. */
    private boolean inputEnded;
    /**
     * Why every write now fails at once, taking no credit: one passed the bound, or the sending side was reset (what
     * QUIC no longer sends must not count against the session).
     */
    private Exception failure;

    SessionFlowHandler(Session session, SessionFlowControl flow, BoundedCount blockedGauge) {
        this.session = session;
        this.flow = flow;
        this.blockedGauge = blockedGauge;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            try {
                flow.onStreamBytesReceived(bytes.readableBytes());
            } catch (FlowControlViolation e) {
                bytes.release();
                session.onFlowControlError("stream " + streamId() + ": " + e.getMessage());
                return;
            }
            unconsumed += bytes.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        consumed();
        ctx.fireChannelReadComplete();
    }

    private void consumed() {
        if (unconsumed > 0) {
            flow.onStreamBytesConsumed(unconsumed);
            unconsumed = 0;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (failure != null) {
            ReferenceCountUtil.release(msg);
            promise.tryFailure(failure);
            return;
        }
        long bytes = bodyBytes(msg);
        long waiting = queue.isEmpty() ? Math.max(0, bytes - flow.sendCreditAvailable()) : bytes;
        if (queue.isEmpty() && waiting == 0) {
            flow.takeSendCredit(bytes);
            ctx.write(msg, promise);
            return;
        }
        if (queuedBytes + waiting > flow.maxBlockedBytesPerStream()) {
            ReferenceCountUtil.release(msg);
            overflow(promise, waiting);
            return;
        }
        boolean startsWaiting = queue.isEmpty();
        if (startsWaiting) {
            writePart(msg, promise, flow.takeSendCredit(bytes - waiting));
        }
        queue.add(new PendingWrite(msg, promise));
        changeQueued(waiting);
        flow.blocked(this);
        if (startsWaiting) {
            ctx.fireUserEventTriggered(SessionCreditEvent.EXHAUSTED);
        }
    }

    /**
     * A write would pass the bound: the stream fails as a whole, so that no later write goes out behind the bytes
     * dropped here.
     */
    private void overflow(ChannelPromise promise, long waiting) {
        failure = new IllegalStateException("stream " + streamId() + " failed: " + queuedBytes
                + " bytes wait for the peer's session credit already, " + waiting + " more would pass "
                + "maxBlockedSendBytesPerStream " + flow.maxBlockedBytesPerStream());
        promise.tryFailure(failure);
        failQueued(failure);
        session.reportPeer(EndpointCounters.LIMIT_BLOCKED_SEND_BYTES_PER_STREAM,
                EndpointCounters.LIMIT_BLOCKED_SEND_BYTES_PER_STREAM, failure.getMessage()
                        + "; stream aborted with H3_INTERNAL_ERROR");
        StreamShutdown.abort((QuicStreamChannel) ctx.channel(), Http3ErrorCode.H3_INTERNAL_ERROR.code(), receives(),
                true);
    }

    private boolean receives() {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        return stream.type() == QuicStreamType.BIDIRECTIONAL || !stream.isLocalCreated();
    }

    /**
     * Our RESET_STREAM went out: what waits, and every later write, fails now instead of taking session credit for
     * bytes QUIC will not send (the peer counts only the reset's final size).
     */
    void sendSideReset() {
        if (failure == null) {
            failure = new ChannelOutputShutdownException("stream " + streamId() + " was reset");
            boolean waited = !queue.isEmpty();
            failQueued(failure);
            if (waited) {
                ctx.fireUserEventTriggered(SessionCreditEvent.RESTORED); // nothing waits any more
            }
        }
    }

    /** The peer raised its credit: what waits goes on, in order, as far as the credit reaches. */
    void resume() {
        while (!queue.isEmpty()) {
            PendingWrite next = queue.peek();
            long bytes = bodyBytes(next.msg());
            long granted = flow.takeSendCredit(bytes);
            if (granted < bytes) {
                writePart(next.msg(), next.promise(), granted);
                changeQueued(-granted);
                flow.blocked(this);
                break;
            }
            queue.poll();
            changeQueued(-bytes);
            ctx.write(next.msg(), next.promise());
        }
        ctx.flush();
        if (queue.isEmpty()) {
            ctx.fireUserEventTriggered(SessionCreditEvent.RESTORED);
        }
    }

    /** Writes the first {@code length} body bytes of {@code msg} on their own; a failure fails the whole write. */
    private void writePart(Object msg, ChannelPromise promise, long length) {
        if (length == 0) {
            return;
        }
        ctx.write(body(msg).readRetainedSlice((int) length)).addListener(f -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            inputEnded = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        consumed();
        if (!inputEnded && receives()) {
            flow.onPeerStreamCutShort();
        }
        failQueued(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failQueued(new ClosedChannelException());
    }

    private void failQueued(Throwable cause) {
        flow.forget(this);
        while (!queue.isEmpty()) {
            PendingWrite write = queue.poll();
            ReferenceCountUtil.release(write.msg());
            write.promise().tryFailure(cause);
        }
        changeQueued(-queuedBytes);
    }

    private void changeQueued(long change) {
        queuedBytes += change;
        blockedGauge.tryAdd(change, Long.MAX_VALUE);
    }

    private long streamId() {
        return ((QuicStreamChannel) ctx.channel()).streamId();
    }

    private static ByteBuf body(Object msg) {
        return msg instanceof ByteBufHolder holder ? holder.content() : (ByteBuf) msg;
    }

    /** Stream body bytes a write carries: a buffer's, or a QUIC stream frame's; nothing else counts. */
    private static long bodyBytes(Object msg) {
        if (msg instanceof ByteBuf buf) {
            return buf.readableBytes();
        }
        return msg instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
    }
}
