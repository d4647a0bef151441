package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.WebTransportErrorCodes;
import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.channel.Channel;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.Future;

/** A WebTransport stream: the raw QUIC stream past its WebTransport header. */
final class SessionStream implements WebTransportStream {

    private final Session session;
    private final QuicStreamChannel channel;
    private final boolean bidirectional;
    private final boolean local;
    /** Bytes the application holds for this stream (see {@link #holdReceivedBytes}); touched on the event loop. */
    private long held;

    SessionStream(Session session, QuicStreamChannel channel, boolean bidirectional, boolean local) {
        this.session = session;
        this.channel = channel;
        this.bidirectional = bidirectional;
        this.local = local;
        channel.closeFuture().addListener(f -> {
            session.heldBytes().giveBack(held);
            held = 0;
        });
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public WebTransportSession session() {
        return session;
    }

    @Override
    public boolean isBidirectional() {
        return bidirectional;
    }

    @Override
    public boolean isLocal() {
        return local;
    }

    private boolean canSend() {
        return bidirectional || local;
    }

    private boolean canReceive() {
        return bidirectional || !local;
    }

    @Override
    public Future<Void> finish() {
        if (!canSend()) {
            return channel.newFailedFuture(new IllegalStateException("stream " + channel.streamId() + " is receive-only"));
        }
        return StreamShutdown.finish(channel);
    }

    @Override
    public Future<Void> reset(long applicationErrorCode) {
        if (!canSend()) {
            return channel.newFailedFuture(new IllegalStateException("stream " + channel.streamId()
                    + " is receive-only"));
        }
        return StreamShutdown.reset(channel, WebTransportErrorCodes.toHttp3(applicationErrorCode));
    }

    @Override
    public Future<Void> stopSending(long applicationErrorCode) {
        if (!canReceive()) {
            return channel.newFailedFuture(new IllegalStateException("stream " + channel.streamId()
                    + " is send-only"));
        }
        return StreamShutdown.stopSending(channel, WebTransportErrorCodes.toHttp3(applicationErrorCode));
    }

    @Override
    public void abort(long applicationErrorCode, String reason) {
        String kind = "streams aborted with code 0x" + Long.toHexString(applicationErrorCode);
        session.reportPeer(EndpointCounters.STREAMS_ABORTED, kind, "stream " + channel.streamId()
                + " aborted with code 0x" + Long.toHexString(applicationErrorCode) + ": " + reason);
        abortWithHttp3Code(WebTransportErrorCodes.toHttp3(applicationErrorCode));
    }

    @Override
    public boolean holdReceivedBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("held bytes cannot be negative: " + bytes);
        }
        if (!channel.isOpen()) {
            // Closed: what it held was given back already, and nothing more counts.
            return bytes == 0;
        }
        String passed = session.heldBytes().tryChange(bytes - held, bytes);
        if (passed == null) {
            held = bytes;
            return true;
        }
        session.reportPeer(passed, passed, "stream " + channel.streamId() + " reset: holding " + bytes
                + " received bytes would pass " + passed);
        abortWithHttp3Code(Http3ErrorCode.H3_EXCESSIVE_LOAD.code());
        return false;
    }

    /** Ends the stream both ways with an HTTP/3 code, as when its session is gone. */
    void abortWithHttp3Code(long http3Code) {
        if (!channel.isActive()) {
            return;
        }
        StreamShutdown.abort(channel, http3Code, canReceive(), canSend());
    }

    @Override
    public String toString() {
        return "WebTransportStream(" + channel.streamId() + " of session " + session.id() + ")";
    }
}
