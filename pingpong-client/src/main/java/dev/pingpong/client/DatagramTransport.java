package dev.pingpong.client;

import dev.pingpong.protocol.Frames;
import dev.pingpong.protocol.ProtocolException;
import dev.pingpong.webtransport.WebTransportSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Datagram mode: one PING per datagram, one PONG per datagram; a malformed datagram is dropped and logged. The PINGs
 * written between two flushes (a window refilled at once) leave together.
 */
final class DatagramTransport implements PingTransport {

    private static final Logger log = LoggerFactory.getLogger(DatagramTransport.class);

    private final WebTransportSession session;
    private final PingPayload payload;
    private final PongSink sink;

    DatagramTransport(WebTransportSession session, PingPayload payload, PongSink sink) {
        this.session = session;
        this.payload = payload;
        this.sink = sink;
    }

    /** Whether a PING of this payload fits one datagram of {@code session}. */
    static boolean fits(WebTransportSession session, PingPayload payload) {
        return Frames.frameLength(payload.size()) <= session.maxDatagramSize();
    }

    @Override
    public void write(long seq, long timestampNanos) {
        // A datagram that cannot be sent is not retried: its ping times out like one lost on the way. The room left
        // before the PING takes the session's datagram prefix, so the frame is not copied behind it.
        int headroom = WebTransportSession.DATAGRAM_HEADROOM;
        ByteBuf ping = PooledByteBufAllocator.DEFAULT.ioBuffer(headroom + Frames.frameLength(payload.size()));
        ping.writerIndex(headroom).readerIndex(headroom);
        session.writeDatagram(payload.writePing(ping, seq, timestampNanos));
    }

    @Override
    public void flush() {
        // The PINGs written since the last flush share QUIC packets.
        session.flushDatagrams();
    }

    @Override
    public void close() {
        // Nothing held: datagrams stop with the session.
    }

    @Override
    public void datagram(ByteBuf datagram) {
        long now = System.nanoTime();
        try {
            Frames.checkDatagram(datagram);
            if (Frames.type(datagram) != Frames.PONG || !payload.matches(datagram)) {
                log.warn("session {}: dropped a datagram that is not a PONG of our payload size", session.id());
                return;
            }
            sink.pong(Frames.seq(datagram), now);
        } catch (ProtocolException e) {
            log.warn("session {}: dropped a malformed datagram: {}", session.id(), e.getMessage());
        } finally {
            datagram.release();
        }
    }
}
