package dev.pingpong.client;

import dev.pingpong.webtransport.WebTransportSession;
import dev.pingpong.webtransport.WebTransportStream;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/** Opens the ping transport of a newly opened session, in the mode the command line chose. */
interface TransportOpener {

    Future<PingTransport> open(WebTransportSession session, PingTransport.PongSink sink);

    static TransportOpener of(PingMode mode, PingPayload payload) {
        return mode == PingMode.DATAGRAM ? (session, sink) -> datagrams(session, payload, sink)
                : (session, sink) -> stream(session, payload, sink);
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
