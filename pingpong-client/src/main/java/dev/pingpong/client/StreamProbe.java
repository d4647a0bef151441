package dev.pingpong.client;

import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * Asks a session, on a bidirectional stream of its own, whether it still answers: one PING with seq 0 (never a
 * ping's seq) and no payload, then FIN. QUIC retransmits a stream until it is acknowledged, so where datagrams may
 * all have been lost, an answer here is evidence that the session is alive and its absence that it is not.
 */
final class StreamProbe {

    static final long SEQ = 0;
    private static final PingPayload EMPTY = new PingPayload(0);

    private StreamProbe() {
    }

    /** Completes when the PONG arrived; fails when the stream could not be opened or broke first. */
    static Future<Void> send(WebTransportSession session) {
        Promise<Void> answered = session.eventLoop().newPromise();
        session.openBidirectionalStream().addListener((Future<WebTransportStream> opened) -> {
            if (!opened.isSuccess()) {
                answered.tryFailure(opened.cause());
                return;
            }
            StreamTransport probe = new StreamTransport(opened.getNow(), EMPTY, new PingTransport.PongSink() {
                @Override
                public void pong(long seq, long receivedNanos) {
                    answered.trySuccess(null);
                }

                @Override
                public void broken(String reason) {
                    answered.tryFailure(new IllegalStateException(reason));
                }
            });
            probe.write(SEQ, System.nanoTime());
            probe.flush();
            probe.close();
        });
        return answered;
    }
}
