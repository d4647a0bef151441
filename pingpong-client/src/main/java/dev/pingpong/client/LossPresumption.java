package dev.pingpong.client;

/**
 * Which datagram pings in flight are presumed lost, as QUIC's loss detection presumes packets lost (RFC 9002, 6.1.2
 * and 6.2): a ping sent at or before {@code lossCutoffNanos} (the loss delay ago) once a later ping was answered, and
 * every ping below {@code probedBelowSeq}, which the probe timeouts so far gave up on. Send times grow with the seq,
 * so the pings presumed lost are always the oldest ones.
 *
 * @param overtakenBelowSeq the newest seq answered: pings in flight below it were overtaken
 */
record LossPresumption(long probedBelowSeq, long overtakenBelowSeq, long lossCutoffNanos) {

    boolean presumesLost(long seq, long sentNanos) {
        return seq < probedBelowSeq || seq < overtakenBelowSeq && sentNanos - lossCutoffNanos <= 0;
    }
}
