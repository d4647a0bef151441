package dev.pingpong.webtransport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.quic.QuicStreamType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamShutdownTest {

    private final EmbeddedConnection connection = new EmbeddedConnection(true);
    private final EmbeddedQuicStreamChannel stream = connection.stream(4, QuicStreamType.BIDIRECTIONAL, false);

    @Test
    void theFinIsDeferredToALaterTurnOfTheLoop() {
        ChannelFuture fin = StreamShutdown.finish(stream);
        assertEquals(List.of(), stream.shutdowns, "not from within the caller's callback");
        assertFalse(fin.isDone());
        stream.runPendingTasks();
        assertEquals(List.of("fin"), stream.shutdowns);
        assertTrue(fin.isSuccess());
    }

    @Test
    void anAbortStopsAndResetsThenCloses() {
        StreamShutdown.abort(stream, 0x3994bd84L, true, true);
        stream.runPendingTasks();
        assertEquals(List.of("stop_sending 0x3994bd84", "reset 0x3994bd84"), stream.shutdowns);
        assertFalse(stream.isOpen());
    }

    @Test
    void anUnknownUniStreamIsAskedToStopAndWhatArrivesIsFreed() {
        EmbeddedQuicStreamChannel uni = connection.stream(6, QuicStreamType.UNIDIRECTIONAL, false);
        uni.pipeline().addLast(UnknownUniStreamHandler.INSTANCE);
        assertEquals(List.of("stop_sending 0x103"), uni.shutdowns, "H3_STREAM_CREATION_ERROR");
        ByteBuf junk = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        assertFalse(uni.writeInbound(junk));
        assertEquals(0, junk.refCnt());
    }
}
