package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * RESET_STREAM and STOP_SENDING with 62-bit error codes. Netty's stream API takes an {@code int} code, but the
 * WebTransport codes live above 2^32; those go to quiche directly through the package-private entry points
 * Netty itself uses. Should that access be unavailable, the code degrades to H3_REQUEST_CANCELLED.
 */
final class StreamShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(StreamShutdown.class);
    private static final NativeAccess NATIVE = NativeAccess.load();

    private StreamShutdown() {
    }

    /** Resets the sending side with {@code http3Code}. */
    static ChannelFuture reset(QuicStreamChannel stream, long http3Code) {
        return shutdown(stream, false, true, http3Code);
    }

    /**
     * Ends a stream both ways with {@code http3Code}: STOP_SENDING for the half that {@code receives}, RESET_STREAM
     * for the half that {@code sends}, then close.
     */
    static void abort(QuicStreamChannel stream, long http3Code, boolean receives, boolean sends) {
        if (receives) {
            stopSending(stream, http3Code);
        }
        if (sends) {
            reset(stream, http3Code);
        }
        stream.eventLoop().execute(stream::close);
    }

    /**
     * FIN after every byte written before it. It travels as a write, so it queues behind data that flow control
     * holds back: Netty's {@code shutdownOutput()} bypasses that queue and would end the stream at whatever offset
     * flow control had reached, failing the rest. Deferred to a later turn of the loop: a FIN issued from within an
     * input-shutdown callback was seen to be lost.
     */
    static ChannelFuture finish(QuicStreamChannel stream) {
        return finishFrom(stream, stream.pipeline());
    }

    /**
     * {@link #finish} for a stream whose pipeline holds an encoder that takes no raw QUIC frames (the HTTP/3 codec
     * of a CONNECT stream): the FIN enters below every handler, behind what they have already written.
     */
    static ChannelFuture finishBelowHandlers(QuicStreamChannel stream) {
        return finishFrom(stream, stream.pipeline().firstContext());
    }

    private static ChannelFuture finishFrom(QuicStreamChannel stream, ChannelOutboundInvoker writer) {
        ChannelPromise promise = stream.newPromise();
        stream.eventLoop().execute(() -> writer.writeAndFlush(QuicStreamFrame.EMPTY_FIN, promise));
        return promise;
    }

    /** Asks the peer to stop sending, with {@code http3Code}. */
    static ChannelFuture stopSending(QuicStreamChannel stream, long http3Code) {
        return shutdown(stream, true, false, http3Code);
    }

    private static ChannelFuture shutdown(QuicStreamChannel stream, boolean input, boolean output, long code) {
        ChannelPromise promise = stream.newPromise();
        OnLoop.run(stream.eventLoop(), () -> shutdownNow(stream, input, output, code, promise));
        return promise;
    }

    private static void shutdownNow(QuicStreamChannel stream, boolean input, boolean output, long code,
                                    ChannelPromise promise) {
        SessionFlowHandler flow = output ? stream.pipeline().get(SessionFlowHandler.class) : null;
        if (flow != null) {
            flow.sendSideReset();
        }
        if (code == (int) code && code >= 0) {
            if (input) {
                stream.shutdownInput((int) code, promise);
            } else {
                stream.shutdownOutput((int) code, promise);
            }
            return;
        }
        if (NATIVE == null || !NATIVE.shutdown(stream, input, code, promise)) {
            int fallback = Http3ErrorCode.H3_REQUEST_CANCELLED.code();
            if (input) {
                stream.shutdownInput(fallback, promise);
            } else {
                stream.shutdownOutput(fallback, promise);
            }
        }
    }

    /** Reflective handles on quiche's stream shutdown, resolved once. */
    private record NativeAccess(Field connectionField, Method checkedAddress, Method nativeShutdown, int shutdownRead,
                                int shutdownWrite, Method flush) {

        static NativeAccess load() {
            try {
                Class<?> channelClass = Class.forName("io.netty.handler.codec.quic.QuicheQuicChannel");
                Class<?> connectionClass = Class.forName("io.netty.handler.codec.quic.QuicheQuicConnection");
                Class<?> quiche = Class.forName("io.netty.handler.codec.quic.Quiche");
                Field connection = channelClass.getDeclaredField("connection");
                // Throws ClosedChannelException once the connection is freed, so quiche never sees a stale pointer.
                Method checkedAddress = channelClass.getDeclaredMethod("connectionAddressChecked", connectionClass);
                Method nativeShutdown = quiche.getDeclaredMethod("quiche_conn_stream_shutdown",
                        long.class, long.class, int.class, long.class);
                Field read = quiche.getDeclaredField("QUICHE_SHUTDOWN_READ");
                Field write = quiche.getDeclaredField("QUICHE_SHUTDOWN_WRITE");
                Method flush = channelClass.getDeclaredMethod("streamShutdown", long.class, boolean.class,
                        boolean.class, int.class, ChannelPromise.class);
                for (var member : new java.lang.reflect.AccessibleObject[] {connection, checkedAddress, nativeShutdown,
                        read, write, flush}) {
                    member.setAccessible(true);
                }
                return new NativeAccess(connection, checkedAddress, nativeShutdown, read.getInt(null), write.getInt(null),
                        flush);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("WebTransport error codes above 2^31 unavailable, streams reset with H3_REQUEST_CANCELLED: {}",
                        e.toString());
                return null;
            }
        }

        boolean shutdown(QuicStreamChannel stream, boolean input, long code, ChannelPromise promise) {
            QuicChannel parent = stream.parent();
            try {
                long connectionAddress = (long) checkedAddress.invoke(null, connectionField.get(parent));
                nativeShutdown.invoke(null, connectionAddress, stream.streamId(), input ? shutdownRead : shutdownWrite,
                        code);
                // Shutting down neither side only sends what quiche queued (the RESET_STREAM/STOP_SENDING).
                flush.invoke(parent, stream.streamId(), false, false, 0, promise);
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("native stream shutdown failed on stream {}: {}", stream.streamId(), e.toString());
                return false;
            }
        }
    }
}
