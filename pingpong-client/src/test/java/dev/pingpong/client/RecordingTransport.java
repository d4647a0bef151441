package dev.pingpong.client;

import java.util.ArrayList;
import java.util.List;

/** A {@link PingTransport} that records the seqs written and flushed. */
final class RecordingTransport implements PingTransport {

    final List<Long> written = new ArrayList<>();
    int flushes;
    boolean closed;

    @Override
    public void write(long seq, long timestampNanos) {
        written.add(seq);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }
}
