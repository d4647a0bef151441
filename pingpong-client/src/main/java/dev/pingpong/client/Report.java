package dev.pingpong.client;

/**
 * The records a run prints on standard output: one per pong, lost ping and reconnect, then a summary.
 * Implementations are called from several threads.
 */
interface Report {

    void pong(int session, long seq, long rttNanos);

    void lost(int session, long seq, String reason);

    void reconnect(int session, int attempt, long afterMillis);

    void summary(String target, Summary summary);

    /** Pushes buffered lines out. */
    void flush();
}
