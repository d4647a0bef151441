package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import io.netty.channel.Channel;
import io.netty.handler.codec.http3.Http3ErrorCode;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * A peer stream whose header has not all arrived yet. Until it has, the stream belongs to no session, so it counts
 * against the connection's and the endpoint's bounds on such streams instead, and gets
 * {@link Limits#streamHeaderTimeout()} to finish its header. Past a bound or the time, it is reset and counted.
 */
final class PendingHeader {

    private static final AttributeKey<PendingHeader> KEY = AttributeKey.valueOf(PendingHeader.class, "pending");

    private final WebTransportConnection connection;
    private final ScheduledFuture<?> timeout;

    private PendingHeader(WebTransportConnection connection, QuicStreamChannel stream) {
        this.connection = connection;
        this.timeout = stream.eventLoop().schedule(() -> expire(stream),
                connection.endpoint().limits().streamHeaderTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Counts a new peer stream as awaiting its header; when a bound is reached, resets it and returns false. */
    static boolean admit(WebTransportConnection connection, QuicStreamChannel stream) {
        Limits limits = connection.endpoint().limits();
        EndpointCounters counters = connection.endpoint().counters();
        if (!connection.headerPending().tryAdd(1, limits.maxHeaderPendingStreamsPerConnection())) {
            refuse(connection, stream, EndpointCounters.LIMIT_HEADER_PENDING_STREAMS_PER_CONNECTION, "connection",
                    limits.maxHeaderPendingStreamsPerConnection());
            return false;
        }
        if (!counters.headerPending().tryAdd(1, limits.maxHeaderPendingStreams())) {
            connection.headerPending().subtract(1);
            refuse(connection, stream, EndpointCounters.LIMIT_HEADER_PENDING_STREAMS, "endpoint",
                    limits.maxHeaderPendingStreams());
            return false;
        }
        stream.attr(KEY).set(new PendingHeader(connection, stream));
        stream.closeFuture().addListener(f -> arrived(stream));
        return true;
    }

    /** The stream's header is complete (or the stream is gone): it no longer counts. Idempotent. */
    static void arrived(Channel stream) {
        PendingHeader pending = stream.attr(KEY).getAndSet(null);
        if (pending != null) {
            pending.release();
        }
    }

    private void release() {
        timeout.cancel(false);
        connection.headerPending().subtract(1);
        connection.endpoint().counters().headerPending().subtract(1);
    }

    private void expire(QuicStreamChannel stream) {
        if (!stream.attr(KEY).compareAndSet(this, null)) {
            return;
        }
        release();
        connection.endpoint().counters().increment(EndpointCounters.HEADER_TIMEOUTS);
        connection.endpoint().peerLog().report(EndpointCounters.HEADER_TIMEOUTS, connection.remoteAddress(),
                "reset stream " + stream.streamId() + ": no complete header within "
                        + connection.endpoint().limits().streamHeaderTimeout().toMillis() + " ms");
        reset(stream, Http3ErrorCode.H3_REQUEST_INCOMPLETE);
    }

    private static void refuse(WebTransportConnection connection, QuicStreamChannel stream, String counter,
                               String scope, int limit) {
        connection.endpoint().counters().increment(counter);
        connection.endpoint().peerLog().report(counter, connection.remoteAddress(), "reset stream "
                + stream.streamId() + ": " + limit + " streams of this " + scope + " await their header already");
        reset(stream, Http3ErrorCode.H3_REQUEST_REJECTED);
    }

    private static void reset(QuicStreamChannel stream, Http3ErrorCode code) {
        WebTransportConnection.refuseStream(stream, stream.type() == QuicStreamType.BIDIRECTIONAL, code.code());
    }
}
