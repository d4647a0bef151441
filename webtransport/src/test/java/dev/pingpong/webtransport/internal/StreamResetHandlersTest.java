package dev.pingpong.webtransport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.quic.QuicStreamResetException;
import io.netty.handler.codec.quic.QuicStreamType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EndedSessionResetFilter (first on a WebTransport stream) and PeerResetHandler (last on a peer stream). */
class StreamResetHandlersTest {

    /** The application's handler between the two: records the failures that reach it. */
    private static final class Application extends ChannelInboundHandlerAdapter {
        final List<Throwable> failures = new ArrayList<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.add(cause);
        }
    }

    private final EmbeddedConnection connection = new EmbeddedConnection(true);
    private final EmbeddedConnection.Recorded recorded = connection.session(0);
    private final EmbeddedQuicStreamChannel stream = connection.stream(4, QuicStreamType.BIDIRECTIONAL, false);
    private final QuicStreamResetException reset = new QuicStreamResetException("reset by peer", 7);

    @Test
    void whileTheSessionIsOpenAResetReachesTheApplication() {
        Application application = new Application();
        stream.pipeline().addLast(new EndedSessionResetFilter(recorded.session), application);
        stream.pipeline().fireExceptionCaught(reset);
        assertEquals(List.of(reset), application.failures);
        assertTrue(stream.isOpen());
    }

    @Test
    void onceTheSessionEndedAResetClosesTheStreamQuietly() {
        Application application = new Application();
        stream.pipeline().addLast(new EndedSessionResetFilter(recorded.session), application);
        recorded.session.close(0, "");
        stream.pipeline().fireExceptionCaught(reset);
        assertEquals(List.of(), application.failures);
        assertFalse(stream.isOpen());
    }

    @Test
    void aResetTheApplicationLeftUnhandledClosesThePeerStream() {
        stream.pipeline().addLast(PeerResetHandler.INSTANCE);
        stream.pipeline().fireExceptionCaught(reset);
        assertFalse(stream.isOpen());
    }
}
