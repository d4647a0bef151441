package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.codec.Capsule;
import dev.pingpong.webtransport.codec.Capsules;
import dev.pingpong.webtransport.codec.InitialSessionLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Session-level flow control of one session (draft-ietf-webtrans-http3-16 section 5), both ways. What the peer may
 * use: stream body bytes and streams it opens, against the limits we advertised, moved on as the application
 * consumes. What we may use: the peer's limits, from its SETTINGS and WT_MAX_* capsules; writers and stream opens past
 * them wait here, and a WT_*_BLOCKED capsule tells the peer. Touched only on the connection's event loop.
 */
final class SessionFlowControl {

    /** Where capsules go: the session's CONNECT stream. */
    interface CapsuleSink {
        void send(ByteBuf capsule);
    }

    private record WaitingOpen(Runnable open, Consumer<Throwable> fail) {
    }

    private final ReceiveCredit receivedData;
    private final ReceiveCredit[] peerStreams;
    private final SendCredit sendData;
    private final SendCredit[] ourStreams;
    private final Set<SessionFlowHandler> blockedWriters = new LinkedHashSet<>();
    private final List<ArrayDeque<WaitingOpen>> waitingOpens = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private final int maxWaitingOpens;
    private final long maxBlockedBytesPerStream;
    private final long streamWindow;
    private final ByteBufAllocator alloc;
    private final CapsuleSink sink;
    private final EndpointCounters counters;

    SessionFlowControl(Limits ours, InitialSessionLimits peer, ByteBufAllocator alloc, CapsuleSink sink,
                       EndpointCounters counters) {
        this.alloc = alloc;
        this.sink = sink;
        this.counters = counters;
        int streams = ours.maxStreamsPerSession();
        this.receivedData = new ReceiveCredit(ours.initialSessionMaxData(), ours.maxSessionDataWindow());
        this.peerStreams = new ReceiveCredit[] {new ReceiveCredit(streams, streams), new ReceiveCredit(streams, streams)};
        this.sendData = new SendCredit(peer.maxData());
        this.ourStreams = new SendCredit[] {new SendCredit(peer.maxStreamsBidi()), new SendCredit(peer.maxStreamsUni())};
        this.maxWaitingOpens = streams;
        this.maxBlockedBytesPerStream = ours.maxBlockedSendBytesPerStream();
        this.streamWindow = ours.maxStreamBufferBytes();
    }

    /** What our SETTINGS grant every session's peer. */
    static InitialSessionLimits advertised(Limits limits) {
        return new InitialSessionLimits(limits.initialSessionMaxData(), limits.maxStreamsPerSession(),
                limits.maxStreamsPerSession());
    }

    private static int index(boolean bidirectional) {
        return bidirectional ? 0 : 1;
    }

    // What the peer uses.

    /** The peer opened a stream: it counts against the cumulative stream limit we advertised. */
    void onPeerStreamOpened(boolean bidirectional) throws FlowControlViolation {
        ReceiveCredit credit = peerStreams[index(bidirectional)];
        if (!credit.use(1)) {
            throw new FlowControlViolation("peer opened " + (bidirectional ? "bidi" : "uni") + " stream number "
                    + credit.used() + " beyond the limit of " + credit.limit());
        }
    }

    /** A peer stream closed: its slot is released, and the peer hears of the new limit once half a window is free. */
    void onPeerStreamClosed(boolean bidirectional) {
        long limit = peerStreams[index(bidirectional)].release(1);
        if (limit >= 0) {
            send(bidirectional ? Capsule.WT_MAX_STREAMS_BIDI : Capsule.WT_MAX_STREAMS_UNI, limit);
        }
    }

    /** Stream body bytes arrived: they count against the limit we advertised. */
    void onStreamBytesReceived(long bytes) throws FlowControlViolation {
        if (!receivedData.use(bytes)) {
            throw new FlowControlViolation("peer sent " + receivedData.used() + " stream bytes beyond the limit of "
                    + receivedData.limit());
        }
    }

    /**
     * The application consumed {@code bytes}: they went through its pipeline. Once half the window is consumed, the
     * peer hears of a new limit a window ahead.
     */
    void onStreamBytesConsumed(long bytes) {
        long limit = receivedData.release(bytes);
        if (limit >= 0) {
            send(Capsule.WT_MAX_DATA, limit);
        }
    }

    /**
     * A peer stream ended without its FIN: bytes the peer counted on it may never reach us (the final size of a reset
     * stream is not reported), at most what QUIC let it have in flight there, one stream window.
     */
    void onPeerStreamCutShort() {
        long limit = receivedData.allowUnseen(streamWindow);
        if (limit >= 0) {
            send(Capsule.WT_MAX_DATA, limit);
        }
    }

    // The peer's capsules.

    /**
     * Applies a flow-control capsule. Malformed payloads throw {@link IllegalArgumentException}; what the draft makes
     * a flow-control error throws {@link FlowControlViolation}.
     */
    void onCapsule(long type, ByteBuf payload) throws FlowControlViolation {
        if (type == Capsule.WT_MAX_STREAM_DATA || type == Capsule.WT_STREAM_DATA_BLOCKED) {
            throw new FlowControlViolation("capsule type 0x" + Long.toHexString(type)
                    + " is WebTransport over HTTP/2 only");
        }
        long value = Capsules.readFlowControl(payload);
        if (type == Capsule.WT_MAX_DATA) {
            raise(sendData, value, "WT_MAX_DATA");
            resumeWriters();
        } else if (type == Capsule.WT_MAX_STREAMS_BIDI || type == Capsule.WT_MAX_STREAMS_UNI) {
            boolean bidirectional = type == Capsule.WT_MAX_STREAMS_BIDI;
            raise(ourStreams[index(bidirectional)], streamCount(value, "WT_MAX_STREAMS"), "WT_MAX_STREAMS");
            openWaiting(bidirectional);
        } else if (type == Capsule.WT_DATA_BLOCKED) {
            counters.increment(EndpointCounters.DATA_BLOCKED_RECEIVED);
            long limit = receivedData.onPeerBlocked(value);
            if (limit >= 0) {
                send(Capsule.WT_MAX_DATA, limit);
            }
        } else if (type == Capsule.WT_STREAMS_BLOCKED_BIDI || type == Capsule.WT_STREAMS_BLOCKED_UNI) {
            streamCount(value, "WT_STREAMS_BLOCKED");
            counters.increment(EndpointCounters.STREAMS_BLOCKED_RECEIVED);
        }
    }

    private static long streamCount(long value, String capsule) throws FlowControlViolation {
        if (value > Capsule.MAX_STREAMS_VALUE) {
            throw new FlowControlViolation(capsule + " of " + value + " streams, above 2^60");
        }
        return value;
    }

    private static void raise(SendCredit credit, long value, String capsule) throws FlowControlViolation {
        if (!credit.raise(value)) {
            throw new FlowControlViolation(capsule + " of " + value + " does not increase the limit of "
                    + credit.limit());
        }
    }

    // What we use.

    long sendCreditAvailable() {
        return sendData.available();
    }

    /** Takes up to {@code wanted} stream body bytes of the peer's credit; returns how many. */
    long takeSendCredit(long wanted) {
        return sendData.take(wanted);
    }

    long maxBlockedBytesPerStream() {
        return maxBlockedBytesPerStream;
    }

    /** {@code writer} holds bytes the peer's credit does not cover: it resumes when credit arrives. */
    void blocked(SessionFlowHandler writer) {
        blockedWriters.add(writer);
        if (sendData.blockedReportDue()) {
            counters.increment(EndpointCounters.DATA_BLOCKED_SENT);
            send(Capsule.WT_DATA_BLOCKED, sendData.limit());
        }
    }

    void forget(SessionFlowHandler writer) {
        blockedWriters.remove(writer);
    }

    private void resumeWriters() {
        List<SessionFlowHandler> writers = new ArrayList<>(blockedWriters);
        blockedWriters.clear();
        for (SessionFlowHandler writer : writers) {
            writer.resume();
        }
    }

    /**
     * Runs {@code open} once the peer's stream limit allows one more stream: now, or when a WT_MAX_STREAMS raises it.
     * Meanwhile the peer hears WT_STREAMS_BLOCKED; past {@code maxStreamsPerSession} waiting opens, {@code fail} hears
     * why at once.
     */
    void openStream(boolean bidirectional, Runnable open, Consumer<Throwable> fail) {
        SendCredit credit = ourStreams[index(bidirectional)];
        ArrayDeque<WaitingOpen> waiting = waitingOpens.get(index(bidirectional));
        if (waiting.isEmpty() && credit.take(1) == 1) {
            open.run();
            return;
        }
        if (waiting.size() >= maxWaitingOpens) {
            fail.accept(new IllegalStateException(waiting.size() + " " + (bidirectional ? "bidi" : "uni")
                    + " stream opens already wait for the peer's stream limit of " + credit.limit()));
            return;
        }
        waiting.add(new WaitingOpen(open, fail));
        if (credit.blockedReportDue()) {
            counters.increment(EndpointCounters.STREAMS_BLOCKED_SENT);
            send(bidirectional ? Capsule.WT_STREAMS_BLOCKED_BIDI : Capsule.WT_STREAMS_BLOCKED_UNI, credit.limit());
        }
    }

    private void openWaiting(boolean bidirectional) {
        SendCredit credit = ourStreams[index(bidirectional)];
        ArrayDeque<WaitingOpen> waiting = waitingOpens.get(index(bidirectional));
        while (!waiting.isEmpty() && credit.take(1) == 1) {
            waiting.poll().open().run();
        }
    }

    /**
     * The session ended: waiting opens fail with the cause {@code why} makes (only when there are any: a stack trace
     * per ended session adds up); blocked writers go with their streams.
     */
    void close(Supplier<? extends Throwable> why) {
        Throwable cause = null;
        for (ArrayDeque<WaitingOpen> waiting : waitingOpens) {
            while (!waiting.isEmpty()) {
                if (cause == null) {
                    cause = why.get();
                }
                waiting.poll().fail().accept(cause);
            }
        }
        blockedWriters.clear();
    }

    private void send(long type, long value) {
        sink.send(Capsules.flowControl(alloc, type, value));
    }
}
