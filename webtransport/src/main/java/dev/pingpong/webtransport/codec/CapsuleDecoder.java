package dev.pingpong.webtransport.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Reassembles capsules from the payloads of the HTTP/3 DATA frames of a CONNECT stream. Capsules of wanted
 * types are emitted whole; other types (GREASE, extensions) are skipped as they stream by, without buffering.
 * Every capsule, wanted or not, must fit {@code maxCapsuleSize}.
 */
public final class CapsuleDecoder {

    private final int maxCapsuleSize;
    private final LongPredicate wanted;
    private final ByteBufAllocator alloc;
    private ByteBuf cumulation;
    private long bytesToSkip;

    public CapsuleDecoder(int maxCapsuleSize, LongPredicate wanted, ByteBufAllocator alloc) {
        this.maxCapsuleSize = maxCapsuleSize;
        this.wanted = wanted;
        this.alloc = alloc;
    }

    /** Consumes {@code data} (ownership passes here) and emits each complete wanted capsule to {@code out}. */
    public void decode(ByteBuf data, Consumer<Capsule> out) throws CapsuleTooLargeException {
        cumulation = cumulation == null ? data : ByteToMessageDecoder.COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, data);
        try {
            decodeCumulation(out);
        } finally {
            if (cumulation != null && !cumulation.isReadable()) {
                cumulation.release();
                cumulation = null;
            } else if (cumulation instanceof CompositeByteBuf composite && composite.refCnt() == 1) {
                // A peer that ends every DATA frame inside a capsule would otherwise keep every consumed frame
                // alive in the composite: memory would grow with the bytes sent, not with the capsule bound.
                // Only while no emitted capsule still slices into it (a receiver that has not released yet).
                composite.discardReadComponents();
            }
        }
    }

    private void decodeCumulation(Consumer<Capsule> out) throws CapsuleTooLargeException {
        while (cumulation.isReadable()) {
            if (bytesToSkip > 0) {
                int skipped = (int) Math.min(bytesToSkip, cumulation.readableBytes());
                cumulation.skipBytes(skipped);
                bytesToSkip -= skipped;
                continue;
            }
            int start = cumulation.readerIndex();
            long type = QuicVarint.peek(cumulation, start);
            if (type == QuicVarint.INCOMPLETE) {
                return;
            }
            int lengthIndex = start + QuicVarint.lengthOf(cumulation, start);
            long length = QuicVarint.peek(cumulation, lengthIndex);
            if (length == QuicVarint.INCOMPLETE) {
                return;
            }
            if (length > maxCapsuleSize) {
                throw new CapsuleTooLargeException(type, length, maxCapsuleSize);
            }
            int headerLength = lengthIndex - start + QuicVarint.lengthOf(cumulation, lengthIndex);
            if (!wanted.test(type)) {
                cumulation.skipBytes(headerLength);
                bytesToSkip = length;
                continue;
            }
            if (cumulation.readableBytes() < headerLength + length) {
                return;
            }
            cumulation.skipBytes(headerLength);
            out.accept(new Capsule(type, cumulation.readRetainedSlice((int) length)));
        }
    }

    /** True while part of a capsule is buffered or being skipped: the stream must not end here. */
    public boolean isMidCapsule() {
        return bytesToSkip > 0 || (cumulation != null && cumulation.isReadable());
    }

    /** Releases what is buffered; call when the stream ends. */
    public void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
