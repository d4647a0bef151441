package dev.pingpong.client;

import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/** The ways a session carries pings, in the mode the command line chose, and asks whether it is still alive. */
interface PingTransports {

    /** Opens the ping transport of a newly opened session. */
    Future<PingTransport> open(WebTransportSession session, PingTransport.PongSink sink);

    /** Asks the session, on a stream QUIC retransmits, whether it still answers; completes when it did. */
    Future<Void> probe(WebTransportSession session);

    static PingTransports of(PingMode mode, PingPayload payload) {
        return new PingTransports() {
            @Override
            public Future<PingTransport> open(WebTransportSession session, PingTransport.PongSink sink) {
                return mode == PingMode.DATAGRAM ? datagrams(session, payload, sink) : stream(session, payload, sink);
            }

            @Override
            public Future<Void> probe(WebTransportSession session) {
                return StreamProbe.send(session);
            }
        };
    }

    private static Future<PingTransport> datagrams(WebTransportSession session, PingPayload payload, PingTransport.PongSink sink) {
        if (!DatagramTransport.fits(session, payload)) {
            // Only the connection tells how large a datagram may be; the server was reached, -s is the fault.
            return session.eventLoop().newFailedFuture(new TooLargeForADatagram("a PING of " + payload.size()
                    + " payload bytes does not fit one datagram (at most " + session.maxDatagramSize() + " bytes per datagram)"));
        }
        return session.eventLoop().newSucceededFuture(new DatagramTransport(session, payload, sink));
    }

    private static Future<PingTransport> stream(WebTransportSession session, PingPayload payload, PingTransport.PongSink sink) {
        Promise<PingTransport> opened = session.eventLoop().newPromise();
        session.openBidirectionalStream().addListener((Future<WebTransportStream> f) -> {
            if (f.isSuccess()) {
                opened.setSuccess(new StreamTransport(f.getNow(), payload, sink));
            } else {
                opened.setFailure(f.cause());
            }
        });
        return opened;
    }

    /** The payload asked for cannot travel in this session's datagrams: bad usage, not a failure to retry. */
    final class TooLargeForADatagram extends Exception {
        TooLargeForADatagram(String message) {
            super(message, null, false, false);
        }
    }
}
