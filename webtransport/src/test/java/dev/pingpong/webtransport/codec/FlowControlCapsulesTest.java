package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowControlCapsulesTest {

    private static final long[] TYPES = {Capsule.WT_MAX_DATA, Capsule.WT_MAX_STREAMS_BIDI, Capsule.WT_MAX_STREAMS_UNI,
            Capsule.WT_DATA_BLOCKED, Capsule.WT_STREAMS_BLOCKED_BIDI, Capsule.WT_STREAMS_BLOCKED_UNI};

    private final List<Capsule> decoded = new ArrayList<>();
    private final CapsuleDecoder decoder = new CapsuleDecoder(64, Capsule::isFlowControl, ByteBufAllocator.DEFAULT);

    @AfterEach
    void release() {
        decoded.forEach(Capsule::release);
        decoder.release();
    }

    @Test
    void theDraftsCodepoints() {
        assertArrayEquals(new long[] {0x190B4D3DL, 0x190B4D3FL, 0x190B4D40L, 0x190B4D41L, 0x190B4D43L, 0x190B4D44L},
                TYPES);
        assertEquals(0x190B4D3EL, Capsule.WT_MAX_STREAM_DATA);
        assertEquals(0x190B4D42L, Capsule.WT_STREAM_DATA_BLOCKED);
    }

    @Test
    void everyFlowControlCapsuleRoundTripsWithEveryVarintLength() throws Exception {
        long[] values = {0, 63, 64, 16383, 16384, (1L << 30) - 1, 1L << 30, Capsule.MAX_STREAMS_VALUE,
                QuicVarint.MAX_VALUE};
        for (long type : TYPES) {
            for (long value : values) {
                decoder.decode(Capsules.flowControl(ByteBufAllocator.DEFAULT, type, value), decoded::add);
                Capsule capsule = decoded.get(decoded.size() - 1);
                assertEquals(type, capsule.type());
                assertEquals(value, Capsules.readFlowControl(capsule.content()), "type 0x" + Long.toHexString(type));
            }
        }
        assertEquals(TYPES.length * values.length, decoded.size());
        assertFalse(decoder.isMidCapsule());
    }

    @Test
    void aCapsuleSplitByteByByteIsReassembled() throws Exception {
        ByteBuf whole = Capsules.flowControl(ByteBufAllocator.DEFAULT, Capsule.WT_MAX_DATA, 1_000_000);
        while (whole.isReadable()) {
            decoder.decode(whole.readRetainedSlice(1), decoded::add);
        }
        whole.release();
        assertEquals(1, decoded.size());
        assertEquals(1_000_000, Capsules.readFlowControl(decoded.get(0).content()));
    }

    @Test
    void onlyTheFlowControlRangeCounts() {
        for (long type : TYPES) {
            assertTrue(Capsule.isFlowControl(type));
        }
        assertTrue(Capsule.isFlowControl(Capsule.WT_MAX_STREAM_DATA), "decoded, to be refused as a session error");
        assertFalse(Capsule.isFlowControl(0x190B4D3CL), "WT_STREAM of HTTP/2");
        assertFalse(Capsule.isFlowControl(0x190B4D45L));
        assertFalse(Capsule.isFlowControl(Capsule.CLOSE_WEBTRANSPORT_SESSION));
    }

    @Test
    void aPayloadThatIsNotExactlyOneVarintIsMalformed() {
        assertThrows(IllegalArgumentException.class, () -> Capsules.readFlowControl(Unpooled.EMPTY_BUFFER));
        assertThrows(IllegalArgumentException.class,
                () -> Capsules.readFlowControl(Unpooled.wrappedBuffer(new byte[] {0x40})), "a 2-byte varint cut");
        assertThrows(IllegalArgumentException.class,
                () -> Capsules.readFlowControl(Unpooled.wrappedBuffer(new byte[] {5, 0})), "a byte after the number");
        assertEquals(5, Capsules.readFlowControl(Unpooled.wrappedBuffer(new byte[] {0x40, 5})),
                "a longer encoding than needed is still one varint");
    }

    @Test
    void anOversizedFlowControlCapsuleIsRefusedFromItsHeader() {
        ByteBuf header = Unpooled.buffer();
        QuicVarint.write(header, Capsule.WT_MAX_DATA);
        QuicVarint.write(header, 65);
        CapsuleTooLargeException e = assertThrows(CapsuleTooLargeException.class,
                () -> decoder.decode(header, decoded::add));
        assertEquals(Capsule.WT_MAX_DATA, e.type());
        assertEquals(65, e.length());
    }
}
