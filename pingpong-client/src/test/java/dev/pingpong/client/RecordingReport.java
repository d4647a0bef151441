package dev.pingpong.client;

import java.util.ArrayList;
import java.util.List;

/** A {@link Report} that keeps each record as a short line (`pong 3`, `lost 4 timeout`, `reconnect 1 0`). */
final class RecordingReport implements Report {

    final List<String> records = new ArrayList<>();

    @Override
    public void pong(int session, long seq, long rttNanos) {
        records.add("pong " + seq);
    }

    @Override
    public void lost(int session, long seq, String reason) {
        records.add("lost " + seq + " " + reason);
    }

    @Override
    public void reconnect(int session, int attempt, long afterMillis) {
        records.add("reconnect " + attempt + " " + afterMillis);
    }

    @Override
    public void summary(String target, Summary summary) {
        records.add("summary");
    }

    @Override
    public void flush() {
    }

    List<String> take() {
        List<String> taken = List.copyOf(records);
        records.clear();
        return taken;
    }
}
