package dev.pingpong.webtransport.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pingpong.webtransport.Limits;
import dev.pingpong.webtransport.codec.QuicVarint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.net.InetSocketAddress;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Coverage-guided fuzzing of the library's internal readers of peer bytes: the datagram check ahead of the QUIC
 * codec, Retry tokens, and the uni stream type read in arbitrary pieces.
 */
class PeerBytesFuzzTest {

    private static final RetryTokens TOKENS = new RetryTokens(true,
            new EndpointContext(true, Limits.DEFAULT, Map.of()));
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.1", 4433);

    @FuzzTest(maxDuration = "30s")
    void datagramsAheadOfTheQuicCodec(byte[] datagram) {
        ByteBuf buf = Unpooled.wrappedBuffer(datagram);
        DatagramCounter.couldBeQuic(buf);
        assertEquals(0, buf.readerIndex(), "only looked at");
    }

    @FuzzTest(maxDuration = "30s")
    void retryTokensNobodyMade(byte[] token) {
        assertEquals(-1, TOKENS.validateToken(Unpooled.wrappedBuffer(token), PEER));
    }

    @FuzzTest(maxDuration = "30s")
    void uniStreamTypesInPieces(FuzzedDataProvider data) {
        byte[] all = data.consumeRemainingAsBytes();
        EmbeddedChannel stream = new EmbeddedChannel(new UniStreamTypeWatcher());
        ByteBuf passed = Unpooled.buffer();
        for (int at = 0; at < all.length; ) {
            int length = Math.min(all.length - at, 1 + (all[at] & 3));
            stream.writeInbound(Unpooled.wrappedBuffer(all, at, length));
            at += length;
            ByteBuf read;
            while ((read = stream.readInbound()) != null) {
                passed.writeBytes(read);
                read.release();
            }
        }
        assertEquals(Unpooled.wrappedBuffer(all), passed, "every byte passed on untouched, in order");
        boolean typeComplete = QuicVarint.peek(Unpooled.wrappedBuffer(all)) != QuicVarint.INCOMPLETE;
        assertEquals(typeComplete, stream.pipeline().get(UniStreamTypeWatcher.class) == null,
                "the watcher steps aside exactly when the type is whole");
        stream.finishAndReleaseAll();
        passed.release();
    }
}
