package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamAddress;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamChannelConfig;
import io.netty.handler.codec.quic.QuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamPriority;
import io.netty.handler.codec.quic.QuicStreamType;

import java.util.ArrayList;
import java.util.List;

/**
 * A QUIC stream for handler tests, as Netty's codecs test on an {@link EmbeddedChannel}: the pipeline runs on the
 * test's thread, and the stream's shutdowns (FIN, STOP_SENDING, RESET_STREAM) are recorded instead of sent.
 */
final class EmbeddedQuicStreamChannel extends EmbeddedChannel implements QuicStreamChannel {

    /** What was asked of the stream, in order: {@code "fin"}, {@code "stop_sending 0x.."}, {@code "reset 0x.."}. */
    final List<String> shutdowns = new ArrayList<>();
    private final long streamId;
    private final QuicStreamType type;
    private final boolean localCreated;
    private final StreamConfig config = new StreamConfig(this);
    private boolean inputShutdown;
    private boolean outputShutdown;

    EmbeddedQuicStreamChannel(QuicChannel parent, long streamId, QuicStreamType type, boolean localCreated) {
        super(EmbeddedChannel.builder().parent(parent).register(false));
        this.streamId = streamId;
        this.type = type;
        this.localCreated = localCreated;
        // Registered only now: registering reads the configuration, which exists only once the fields do.
        try {
            register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public QuicStreamChannelConfig config() {
        return config;
    }

    @Override
    public QuicChannel parent() {
        return (QuicChannel) super.parent();
    }

    @Override
    public QuicStreamAddress localAddress() {
        return new QuicStreamAddress(streamId);
    }

    @Override
    public QuicStreamAddress remoteAddress() {
        return new QuicStreamAddress(streamId);
    }

    @Override
    public boolean isLocalCreated() {
        return localCreated;
    }

    @Override
    public QuicStreamType type() {
        return type;
    }

    @Override
    public long streamId() {
        return streamId;
    }

    @Override
    public QuicStreamPriority priority() {
        return null;
    }

    @Override
    public ChannelFuture updatePriority(QuicStreamPriority priority, ChannelPromise promise) {
        return promise.setSuccess();
    }

    @Override
    public QuicStreamChannel flush() {
        super.flush();
        return this;
    }

    @Override
    public QuicStreamChannel read() {
        super.read();
        return this;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public boolean isShutdown() {
        return inputShutdown && outputShutdown;
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        outputShutdown = true;
        shutdowns.add("fin");
        return promise.setSuccess();
    }

    /** Our FIN travels as a write, behind the data: recorded here, where it would reach the wire. */
    @Override
    protected void handleOutboundMessage(Object msg) {
        if (msg instanceof QuicStreamFrame frame && frame.hasFin()) {
            outputShutdown = true;
            shutdowns.add("fin");
            if (frame.content().isReadable()) {
                super.handleOutboundMessage(frame.content().retain());
            }
            frame.release();
            return;
        }
        super.handleOutboundMessage(msg);
    }

    @Override
    public ChannelFuture shutdownInput(int error, ChannelPromise promise) {
        inputShutdown = true;
        shutdowns.add("stop_sending 0x" + Integer.toHexString(error));
        return promise.setSuccess();
    }

    @Override
    public ChannelFuture shutdownOutput(int error, ChannelPromise promise) {
        outputShutdown = true;
        shutdowns.add("reset 0x" + Integer.toHexString(error));
        return promise.setSuccess();
    }

    @Override
    public ChannelFuture shutdown(int error, ChannelPromise promise) {
        shutdownInput(error, newPromise());
        return shutdownOutput(error, promise);
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        return shutdown(0, promise);
    }

    /** Netty's default configuration, typed as a QUIC stream's. */
    private static final class StreamConfig extends DefaultChannelConfig implements QuicStreamChannelConfig {
        private boolean readFrames;
        private boolean allowHalfClosure = true;

        StreamConfig(EmbeddedQuicStreamChannel channel) {
            super(channel);
        }

        @Override
        public QuicStreamChannelConfig setReadFrames(boolean value) {
            readFrames = value;
            return this;
        }

        @Override
        public boolean isReadFrames() {
            return readFrames;
        }

        @Override
        public boolean isAllowHalfClosure() {
            return allowHalfClosure;
        }

        @Override
        public QuicStreamChannelConfig setAllowHalfClosure(boolean value) {
            allowHalfClosure = value;
            return this;
        }

        @Override
        public QuicStreamChannelConfig setMaxMessagesPerRead(int value) {
            super.setMaxMessagesPerRead(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setWriteSpinCount(int value) {
            super.setWriteSpinCount(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setAllocator(ByteBufAllocator value) {
            super.setAllocator(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setRecvByteBufAllocator(RecvByteBufAllocator value) {
            super.setRecvByteBufAllocator(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setAutoRead(boolean value) {
            super.setAutoRead(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setAutoClose(boolean value) {
            super.setAutoClose(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setMessageSizeEstimator(MessageSizeEstimator value) {
            super.setMessageSizeEstimator(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setWriteBufferWaterMark(WriteBufferWaterMark value) {
            super.setWriteBufferWaterMark(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setConnectTimeoutMillis(int value) {
            super.setConnectTimeoutMillis(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setWriteBufferHighWaterMark(int value) {
            super.setWriteBufferHighWaterMark(value);
            return this;
        }

        @Override
        public QuicStreamChannelConfig setWriteBufferLowWaterMark(int value) {
            super.setWriteBufferLowWaterMark(value);
            return this;
        }
    }
}
