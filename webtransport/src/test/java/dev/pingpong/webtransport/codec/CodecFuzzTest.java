package dev.pingpong.webtransport.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http3.Http3Settings;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the WebTransport codecs that read a peer's bytes: varints, stream headers, datagram
 * prefixes, capsules in arbitrary DATA-frame pieces, SETTINGS, subprotocol fields. Each either reads something
 * well-formed, says it needs more, or refuses in the documented way; it never throws anything else, reads past
 * what it was given, or keeps a buffer alive. Under {@code make test} these run the saved inputs; {@code make fuzz} searches for new ones.
 */
class CodecFuzzTest {

    private static final int MAX_CAPSULE = 512;

    @FuzzTest(maxDuration = "30s")
    void varints(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        long peeked = QuicVarint.peek(buf);
        long read = QuicVarint.read(buf);
        assertEquals(peeked, read);
        if (read == QuicVarint.INCOMPLETE) {
            assertEquals(0, buf.readerIndex(), "nothing consumed while incomplete");
            return;
        }
        assertTrue(read >= 0 && read <= QuicVarint.MAX_VALUE);
        assertEquals(QuicVarint.lengthOf(Unpooled.wrappedBuffer(bytes), 0), buf.readerIndex());
        ByteBuf again = Unpooled.buffer();
        QuicVarint.write(again, read);
        assertEquals(read, QuicVarint.read(again));
    }

    /** A subprotocol field parses to Strings that serialize and parse back the same, or is refused whole. */
    @FuzzTest(maxDuration = "30s")
    void subprotocolFields(FuzzedDataProvider data) {
        String field = data.consumeRemainingAsString();
        List<String> offered;
        try {
            offered = StructuredFieldStrings.parseList(field);
        } catch (IllegalArgumentException refused) {
            return;
        }
        assertEquals(offered, StructuredFieldStrings.parseList(StructuredFieldStrings.serializeList(offered)));
    }

    @FuzzTest(maxDuration = "30s")
    void bidiStreamHeaders(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        long sessionId = StreamHeaders.readBidiSessionId(buf);
        if (sessionId == StreamHeaders.INCOMPLETE || sessionId == StreamHeaders.NOT_WEBTRANSPORT) {
            assertEquals(0, buf.readerIndex(), "nothing consumed until the header is whole");
            return;
        }
        assertTrue(sessionId >= 0 && sessionId <= QuicVarint.MAX_VALUE);
        ByteBuf whole = Unpooled.wrappedBuffer(bytes);
        assertEquals(StreamHeaders.BIDI_SIGNAL, QuicVarint.read(whole));
        assertEquals(sessionId, QuicVarint.read(whole));
        assertEquals(whole.readerIndex(), buf.readerIndex(), "signal and session id consumed, nothing more");
    }

    @FuzzTest(maxDuration = "30s")
    void datagramPrefixes(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        long sessionId = HttpDatagrams.readSessionId(buf);
        if (sessionId == -1) {
            assertEquals(0, buf.readerIndex());
            return;
        }
        assertEquals(0, sessionId % 4, "a client-initiated bidi stream id");
        assertTrue(sessionId >= 0);
        assertEquals(HttpDatagrams.prefixLength(sessionId) <= buf.readerIndex(), true);
    }

    @FuzzTest(maxDuration = "60s")
    void capsulesInPieces(FuzzedDataProvider data) {
        CapsuleDecoder decoder = new CapsuleDecoder(MAX_CAPSULE,
                type -> type == Capsule.CLOSE_WEBTRANSPORT_SESSION || type == Capsule.DRAIN_WEBTRANSPORT_SESSION
                        || Capsule.isFlowControl(type),
                ByteBufAllocator.DEFAULT);
        List<ByteBuf> pieces = new ArrayList<>();
        List<Capsule> capsules = new ArrayList<>();
        try {
            while (data.remainingBytes() > 0) {
                byte[] bytes = data.consumeBytes(data.consumeInt(1, 200));
                if (bytes.length == 0) {
                    // Only when the input ran out; Unpooled's shared empty buffer never counts down to 0.
                    break;
                }
                ByteBuf piece = Unpooled.wrappedBuffer(bytes);
                pieces.add(piece);
                decoder.decode(piece, capsules::add);
            }
        } catch (CapsuleTooLargeException expected) {
            // The session ends; nothing else to check but the buffers.
        }
        for (Capsule capsule : capsules) {
            assertTrue(capsule.content().readableBytes() <= MAX_CAPSULE);
            if (capsule.type() == Capsule.CLOSE_WEBTRANSPORT_SESSION) {
                try {
                    Capsules.CloseSession close = Capsules.readCloseSession(capsule.content());
                    assertTrue(close.code() >= 0 && close.code() <= 0xFFFFFFFFL);
                } catch (IllegalArgumentException expected) {
                    // A protocol error: the session ends.
                }
            } else if (Capsule.isFlowControl(capsule.type())) {
                try {
                    long value = Capsules.readFlowControl(capsule.content());
                    assertTrue(value >= 0 && value <= QuicVarint.MAX_VALUE);
                    assertTrue(QuicVarint.encodedLength(value) <= capsule.content().readableBytes());
                } catch (IllegalArgumentException expected) {
                    // Malformed: a protocol error, the session ends.
                }
            }
            capsule.release();
        }
        decoder.release();
        for (ByteBuf piece : pieces) {
            assertEquals(0, piece.refCnt(), "every DATA frame payload released");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void peerSettings(byte[] payload) {
        // What Netty's frame codec hands over: the SETTINGS frame's id/value pairs, unknown ids kept.
        Http3Settings settings = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        ByteBuf buf = Unpooled.wrappedBuffer(payload);
        while (buf.isReadable()) {
            long id = QuicVarint.read(buf);
            long value = QuicVarint.read(buf);
            if (id == QuicVarint.INCOMPLETE || value == QuicVarint.INCOMPLETE) {
                break;
            }
            try {
                settings.put(id, value);
            } catch (IllegalArgumentException refusedByNetty) {
                // Netty refuses reserved ids and bad values of the ones it knows: a connection error.
                return;
            }
        }
        boolean datagrams = WebTransportSettings.datagramsEnabled(settings);
        boolean webTransport = WebTransportSettings.missingForWebTransport(settings).isEmpty();
        assertEquals(webTransport, settings.getOrDefault(WebTransportSettings.ENABLE_WEBTRANSPORT, 0) == 1
                || settings.getOrDefault(WebTransportSettings.WT_MAX_SESSIONS, 0) > 0
                || settings.getOrDefault(WebTransportSettings.MAX_SESSIONS_DRAFT07, 0) > 0);
        assertTrue(datagrams || settings.getOrDefault(WebTransportSettings.H3_DATAGRAM, 0) != 1);
    }
}
