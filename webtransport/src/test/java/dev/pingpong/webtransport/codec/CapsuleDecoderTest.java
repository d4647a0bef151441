package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapsuleDecoderTest {

    private final List<Capsule> decoded = new ArrayList<>();
    private final CapsuleDecoder decoder = new CapsuleDecoder(1100,
            type -> type == Capsule.CLOSE_WEBTRANSPORT_SESSION || type == Capsule.DRAIN_WEBTRANSPORT_SESSION,
            ByteBufAllocator.DEFAULT);

    @AfterEach
    void release() {
        decoded.forEach(Capsule::release);
        decoder.release();
    }

    @Test
    void closeSessionRoundTrips() throws Exception {
        decoder.decode(Capsules.closeSession(ByteBufAllocator.DEFAULT, 0xFFFF_FFFFL, "bye ✓"), decoded::add);
        assertEquals(1, decoded.size());
        assertEquals(Capsule.CLOSE_WEBTRANSPORT_SESSION, decoded.get(0).type());
        assertEquals(new Capsules.CloseSession(0xFFFF_FFFFL, "bye ✓"),
                Capsules.readCloseSession(decoded.get(0).content()));
        assertFalse(decoder.isMidCapsule());
    }

    @Test
    void capsuleSplitAcrossDataFramesIsReassembled() throws Exception {
        ByteBuf whole = Capsules.closeSession(ByteBufAllocator.DEFAULT, 9, "split reason");
        ByteBuf drain = Capsules.drainSession(ByteBufAllocator.DEFAULT);
        while (whole.readableBytes() > 0) {
            decoder.decode(whole.readRetainedSlice(Math.min(3, whole.readableBytes())), decoded::add);
            assertEquals(whole.readableBytes() > 0, decoder.isMidCapsule());
        }
        whole.release();
        decoder.decode(drain, decoded::add);
        assertEquals(2, decoded.size());
        assertEquals("split reason", Capsules.readCloseSession(decoded.get(0).content()).reason());
        assertEquals(Capsule.DRAIN_WEBTRANSPORT_SESSION, decoded.get(1).type());
    }

    @Test
    void unknownCapsuleTypesAreSkippedEvenWhenSplit() throws Exception {
        ByteBuf grease = Unpooled.buffer();
        QuicVarint.write(grease, 0x29L * 0x1f + 0x17); // a reserved (GREASE-like) capsule type
        QuicVarint.write(grease, 500);
        grease.writeZero(500);
        decoder.decode(grease.readRetainedSlice(100), decoded::add);
        assertTrue(decoder.isMidCapsule());
        decoder.decode(grease, decoded::add);
        decoder.decode(Capsules.drainSession(ByteBufAllocator.DEFAULT), decoded::add);
        assertEquals(1, decoded.size());
        assertEquals(Capsule.DRAIN_WEBTRANSPORT_SESSION, decoded.get(0).type());
    }

    @Test
    void framesConsumedWhileStillInsideACapsuleAreFreed() throws Exception {
        ByteBuf drain = Capsules.drainSession(ByteBufAllocator.DEFAULT);
        ByteBuf first = Unpooled.buffer().writeBytes(drain, 0, 2);
        ByteBuf second = Unpooled.buffer().writeBytes(drain, 2, drain.readableBytes() - 2);
        QuicVarint.write(second, 0x29L * 0x1f + 0x17);
        QuicVarint.write(second, 10);
        second.writeZero(10);
        second.writeBytes(drain, 0, 2);
        drain.release();
        List<Long> types = new ArrayList<>();
        Consumer<Capsule> releasing = capsule -> {
            types.add(capsule.type());
            capsule.release();
        };
        decoder.decode(first, releasing);
        decoder.decode(second, releasing);
        assertEquals(List.of(Capsule.DRAIN_WEBTRANSPORT_SESSION), types);
        assertTrue(decoder.isMidCapsule());
        // Held only by the cumulation, a fully read frame would stay there as long as the peer keeps a capsule open.
        assertEquals(0, first.refCnt());
        assertEquals(1, second.refCnt());
    }

    @Test
    void oversizedCapsuleIsRefusedFromItsHeader() {
        ByteBuf header = Unpooled.buffer();
        QuicVarint.write(header, Capsule.CLOSE_WEBTRANSPORT_SESSION);
        QuicVarint.write(header, 1_000_000);
        CapsuleTooLargeException e = assertThrows(CapsuleTooLargeException.class,
                () -> decoder.decode(header, decoded::add));
        assertEquals(1_000_000, e.length());
        assertEquals(Capsule.CLOSE_WEBTRANSPORT_SESSION, e.type());
    }

    @Test
    void oversizedUnknownCapsuleIsRefusedToo() {
        ByteBuf header = Unpooled.buffer();
        QuicVarint.write(header, 0x1234);
        QuicVarint.write(header, 2000);
        assertThrows(CapsuleTooLargeException.class, () -> decoder.decode(header, decoded::add));
    }

    @Test
    void closeReasonIsCutAt1024BytesOnACharacterBoundary() {
        String reason = "é".repeat(600); // 1200 UTF-8 bytes
        ByteBuf capsule = Capsules.closeSession(ByteBufAllocator.DEFAULT, 1, reason);
        QuicVarint.read(capsule);
        long length = QuicVarint.read(capsule);
        assertEquals(4 + 1024, length);
        Capsules.CloseSession close = Capsules.readCloseSession(capsule);
        assertEquals("é".repeat(512), close.reason());
        capsule.release();
    }

    @Test
    void malformedClosePayloadIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Capsules.readCloseSession(Unpooled.wrappedBuffer(new byte[] {0, 1})));
        assertThrows(IllegalArgumentException.class,
                () -> Capsules.closeSession(ByteBufAllocator.DEFAULT, 1L << 32, ""));
        assertEquals("", Capsules.readCloseSession(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 5})).reason());
        assertEquals("ok", Capsules.readCloseSession(Unpooled.copiedBuffer(new byte[] {0, 0, 0, 5, 'o', 'k'}))
                .reason());
    }
}
